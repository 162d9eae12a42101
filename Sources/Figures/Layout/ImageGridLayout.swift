/// Many small images in a grid, each fitted into its cell with a caption below; the images
/// share one value range.
struct ImageGridLayout: PanelLayout {
    let chart: ImageGridChart
    let titles: AxisTitles
    let style: Style
    let range: ClosedRange<Double>
    let margins: Margins

    init(chart: ImageGridChart, titles: AxisTitles, style: Style) {
        self.chart = chart
        self.titles = titles
        self.style = style
        range = chart.range ?? ImageLayout.defaultRange(for: chart.images, cmap: chart.cmap)
        margins = Margins(left: 4 + titles.left, top: max(4, titles.top), right: 4, bottom: 4 + titles.bottom)
    }

    func draw(in plot: Rect, into scene: inout Scene) {
        let columns = max(1, chart.columns)
        let rows = (chart.images.count + columns - 1) / columns
        let gap = 8.0
        let captionHeight = chart.captions == nil ? 0 : style.textHeight(style.captionSize) + 4
        let cellW = (plot.width - gap * Double(columns - 1)) / Double(columns)
        let cellH = (plot.height - gap * Double(rows - 1)) / Double(rows)
        var used: Rect?
        for (i, image) in chart.images.enumerated() {
            let cell = Rect(x: plot.minX + Double(i % columns) * (cellW + gap), y: plot.minY + Double(i / columns) * (cellH + gap),
                            width: cellW, height: cellH)
            let area = cell.inset(bottom: captionHeight)
            let content = ImageLayout.fitted(width: image.width, height: image.height, in: area)
            scene.add(.image(ImageItem(width: image.width, height: image.height,
                                       rgba: image.rgba(cmap: chart.cmap, range: range), rect: content)))
            scene.add(.rect(content, fill: nil, stroke: StrokeStyle(width: 1, color: Color(gray: 0.6), snap: true)))
            if let caption = chart.captions?[i], !caption.isEmpty {
                let (text, size) = Self.fit(caption, width: cell.width, size: style.captionSize)
                scene.add(.text(TextItem(text: text, position: Point(content.midX, content.maxY + 3), size: size,
                                         color: style.textColor, anchor: .middle, baseline: .top)))
            }
            used = used.map { Rect.bounding([Point($0.minX, $0.minY), Point($0.maxX, $0.maxY),
                                              Point(content.minX, content.minY), Point(content.maxX, content.maxY)]) ?? $0 }
                ?? content
        }
        titles.draw(around: used ?? plot, leftExtent: 0, bottomExtent: captionHeight, into: &scene)
    }

    /// The caption shrunk (down to 8 px) and then shortened with an ellipsis to fit `width`.
    static func fit(_ text: String, width: Double, size: Double) -> (String, Double) {
        let natural = Font.width(of: text, size: size)
        if natural <= width {
            return (text, size)
        }
        let shrunk = max(8, size * width / natural)
        var shortened = text
        while shortened.count > 1 && Font.width(of: shortened + "…", size: shrunk) > width {
            shortened.removeLast()
        }
        return (shortened == text ? text : shortened + "…", shrunk)
    }
}
