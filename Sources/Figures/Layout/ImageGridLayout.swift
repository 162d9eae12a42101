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
        let cellH = (plot.height - gap * Double(rows - 1)) / Double(rows) - captionHeight
        // One box size for every image (the largest that fits the cell and every aspect
        // ratio), and the grid of boxes packed together in the middle of the panel.
        let aspects = chart.images.map { Double($0.width) / Double($0.height) }
        let widest = aspects.max() ?? 1, tallest = aspects.min() ?? 1
        let boxW = min(cellW, cellH * widest), boxH = min(cellH, cellW / tallest)
        let blockW = Double(columns) * boxW + gap * Double(columns - 1)
        let blockH = Double(rows) * (boxH + captionHeight) + gap * Double(rows - 1)
        let origin = Point((plot.midX - blockW / 2).rounded(), (plot.midY - blockH / 2).rounded())
        for (i, image) in chart.images.enumerated() {
            let box = Rect(x: origin.x + Double(i % columns) * (boxW + gap),
                           y: origin.y + Double(i / columns) * (boxH + captionHeight + gap), width: boxW, height: boxH)
            let content = ImageLayout.fitted(width: image.width, height: image.height, in: box)
            scene.add(.image(ImageItem(width: image.width, height: image.height,
                                       rgba: image.rgba(cmap: chart.cmap, range: range), rect: content)))
            scene.add(.rect(content, fill: nil, stroke: StrokeStyle(width: 1, color: Color(gray: 0.6), snap: true)))
            if let caption = chart.captions?[i], !caption.isEmpty {
                let (text, size) = Self.fit(caption, width: boxW + gap, size: style.captionSize)
                scene.add(.text(TextItem(text: text, position: Point(content.midX, content.maxY + 3), size: size,
                                         color: style.textColor, anchor: .middle, baseline: .top)))
            }
        }
        let block = Rect(x: origin.x, y: origin.y, width: blockW, height: blockH)
        titles.draw(around: block, leftExtent: 0, bottomExtent: 0, into: &scene)
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
