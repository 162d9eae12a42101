/// One image with square pixels, fitted and centred in the panel, with a thin frame and an
/// optional colour bar; no ticks, as figures of inputs and perturbations usually have.
struct ImageLayout: PanelLayout {
    let chart: ImageChart
    let titles: AxisTitles
    let style: Style
    let range: ClosedRange<Double>
    let colorBar: ColorBar?
    let margins: Margins

    init(chart: ImageChart, titles: AxisTitles, style: Style) {
        self.chart = chart
        self.titles = titles
        self.style = style
        range = chart.range ?? Self.defaultRange(for: [chart.image], cmap: chart.cmap)
        colorBar = chart.colorBar
            ? ColorBar(cmap: chart.cmap, range: range, label: chart.colorBarLabel, style: style, height: 200)
            : nil
        margins = Margins(left: 4 + titles.left, top: max(4, titles.top), right: colorBar?.width ?? 4,
                          bottom: 4 + titles.bottom)
    }

    /// One channel: the data's extremes (symmetric for diverging maps). Colour: 0...1 when the
    /// values lie there, else their extremes.
    static func defaultRange(for images: [FigureImage], cmap: ColorMap) -> ClosedRange<Double> {
        let extremes = images.compactMap { $0.finiteExtremes }
        let low = extremes.map { $0.0 }.min() ?? 0, high = extremes.map { $0.1 }.max() ?? 1
        if images.first?.channels ?? 1 == 1 {
            return cmap.defaultRange(min: low, max: high)
        }
        return low >= 0 && high <= 1 ? 0...1 : ColorMap.gray.defaultRange(min: low, max: high)
    }

    /// The largest rectangle of the image's aspect ratio centred in `area`.
    static func fitted(width: Int, height: Int, in area: Rect) -> Rect {
        let scale = min(area.width / Double(width), area.height / Double(height))
        let w = Double(width) * scale, h = Double(height) * scale
        return Rect(x: (area.midX - w / 2).rounded(), y: (area.midY - h / 2).rounded(), width: w.rounded(), height: h.rounded())
    }

    func draw(in plot: Rect, into scene: inout Scene) {
        let image = chart.image
        let content = Self.fitted(width: image.width, height: image.height, in: plot)
        scene.add(.image(ImageItem(width: image.width, height: image.height, rgba: image.rgba(cmap: chart.cmap, range: range),
                                   rect: content)))
        scene.add(.rect(content, fill: nil, stroke: StrokeStyle(width: style.spineWidth, color: style.spineColor, snap: true)))
        colorBar?.draw(beside: content, into: &scene)
        titles.draw(around: content, leftExtent: 0, bottomExtent: 0, into: &scene)
    }
}
