import Foundation

/// A heatmap: cells coloured through a colour map, row labels on the left, column labels
/// below (turned upright when they do not fit), optional values in the cells and a colour bar.
/// Labels are thinned out evenly when the cells are too small for all of them.
struct HeatmapLayout: PanelLayout {
    struct Label {
        var index: Int
        var text: String
    }

    let chart: HeatmapChart
    let titles: AxisTitles
    let style: Style
    let range: ClosedRange<Double>
    let rowLabels: [Label]
    let colLabels: [Label]
    let colRotation: Double
    let rowLabelWidth: Double
    let colExtent: Double
    let colorBar: ColorBar?
    let margins: Margins

    init(chart: HeatmapChart, titles: AxisTitles, cell: Rect, style: Style) {
        self.chart = chart
        self.titles = titles
        self.style = style
        let rows = chart.values.count, cols = chart.values.first?.count ?? 1
        let finite = chart.values.flatMap { $0 }.filter { $0.isFinite }
        range = chart.range ?? chart.cmap.defaultRange(min: finite.min() ?? 0, max: finite.max() ?? 1)
        let estimatedHeight = max(40, cell.height - titles.top - titles.bottom - 40)
        colorBar = chart.colorBar
            ? ColorBar(cmap: chart.cmap, range: range, label: chart.colorBarLabel, style: style, height: estimatedHeight)
            : nil

        let size = style.tickLabelSize
        let rowTexts = chart.rowLabels ?? (0..<rows).map(String.init)
        let colTexts = chart.colLabels ?? (0..<cols).map(String.init)
        let byIndex = chart.rowLabels == nil
        let rowStep = Self.step(needed: size * 1.25, cell: estimatedHeight / Double(rows), nice: byIndex)
        rowLabels = stride(from: 0, to: rows, by: rowStep).map { Label(index: $0, text: rowTexts[$0]) }
        rowLabelWidth = rowLabels.map { Font.width(of: $0.text, size: size) }.max() ?? 0

        let estimatedWidth = max(40, cell.width - rowLabelWidth - 20 - titles.left - (colorBar?.width ?? 8))
        let cellWidth = estimatedWidth / Double(cols)
        let widest = colTexts.map { Font.width(of: $0, size: size) }.max() ?? 0
        let flatStep = Self.step(needed: widest + size * 0.6, cell: cellWidth, nice: chart.colLabels == nil)
        if chart.colLabels == nil || flatStep == 1 {
            colRotation = 0
            colLabels = stride(from: 0, to: cols, by: flatStep).map { Label(index: $0, text: colTexts[$0]) }
        } else {
            colRotation = 90
            let upright = Self.step(needed: size * 1.25, cell: cellWidth, nice: false)
            colLabels = stride(from: 0, to: cols, by: upright).map { Label(index: $0, text: colTexts[$0]) }
        }
        let shownWidest = colLabels.map { Font.width(of: $0.text, size: size) }.max() ?? 0
        colExtent = colRotation == 0 ? style.textHeight(size) : shownWidest

        var m = Margins()
        m.left = style.tickLength + style.tickPad + rowLabelWidth + titles.left + 2
        m.bottom = style.tickLength + style.tickPad + colExtent + titles.bottom
        m.top = max(Font.capHeight(size: size) / 2 + 2, titles.top)
        m.right = colorBar?.width ?? 8
        margins = m
    }

    /// Every how many cells a label fits: any whole number for given labels, a nice one
    /// (1, 2, 5, 10, 20, 25, 50, ...) for index numbers.
    static func step(needed: Double, cell: Double, nice: Bool) -> Int {
        guard cell > 0 else { return 1 }
        let raw = max(1, Int((needed / cell).rounded(.up)))
        guard nice, raw > 1 else { return raw }
        var power = 1
        while true {
            for m in [1, 2, 5] where m * power >= raw {
                return m * power
            }
            for m in [10, 25] where m * power >= raw {
                return m * power
            }
            power *= 10
        }
    }

    func draw(in plot: Rect, into scene: inout Scene) {
        let rows = chart.values.count, cols = chart.values.first?.count ?? 1
        let content = plot
        let cellW = content.width / Double(cols), cellH = content.height / Double(rows)
        let image = FigureImage.matrix(chart.values)
        scene.add(.image(ImageItem(width: cols, height: rows, rgba: image.rgba(cmap: chart.cmap, range: range), rect: content)))

        let size = style.tickLabelSize
        let tick = StrokeStyle(width: style.tickWidth, color: style.spineColor, snap: true)
        let gap = style.tickLength + style.tickPad
        for label in rowLabels {
            let y = content.minY + (Double(label.index) + 0.5) * cellH
            scene.add(.line([Point(content.minX - style.tickLength, y), Point(content.minX, y)], tick))
            scene.add(.text(TextItem(text: label.text, position: Point(content.minX - gap, y), size: size,
                                     color: style.textColor, anchor: .end, baseline: .middle)))
        }
        for label in colLabels {
            let x = content.minX + (Double(label.index) + 0.5) * cellW
            scene.add(.line([Point(x, content.maxY), Point(x, content.maxY + style.tickLength)], tick))
            let upright = colRotation != 0
            scene.add(.text(TextItem(text: label.text, position: Point(x, content.maxY + gap), size: size,
                                     color: style.textColor, anchor: upright ? .end : .middle,
                                     baseline: upright ? .middle : .top, rotation: colRotation)))
        }
        if chart.annotate {
            annotate(content: content, cellW: cellW, cellH: cellH, into: &scene)
        }
        colorBar?.draw(beside: content, into: &scene)
        titles.draw(around: content, leftExtent: gap + rowLabelWidth, bottomExtent: gap + colExtent, into: &scene)
    }

    /// Writes each cell's value in it, white on dark cells and black on light ones; skipped
    /// when the cells are too small for legible text.
    private func annotate(content: Rect, cellW: Double, cellH: Double, into scene: inout Scene) {
        let decimals = NumberFormat.decimals(for: chart.values.flatMap { $0 })
        let texts = chart.values.map { $0.map { $0.isFinite ? NumberFormat.fixed($0, decimals: decimals) : "" } }
        let widest = texts.flatMap { $0 }.map { Font.width(of: $0, size: 1) }.max() ?? 0
        var size = min(style.annotationSize, cellH * 0.5)
        if widest * size > cellW * 0.9 {
            size = cellW * 0.9 / max(widest, 1e-9)
        }
        guard size >= 6 else { return }
        for (r, row) in chart.values.enumerated() {
            for (c, v) in row.enumerated() where v.isFinite {
                let color = chart.cmap.color(for: v, in: range).luminance < 0.45 ? Color.white : Color.black
                let centre = Point(content.minX + (Double(c) + 0.5) * cellW, content.minY + (Double(r) + 0.5) * cellH)
                scene.add(.text(TextItem(text: texts[r][c], position: centre, size: size, color: color, anchor: .middle,
                                         baseline: .middle)))
            }
        }
    }
}

extension FigureImage {
    /// A one-channel image of a matrix of doubles (rows must be equal, as Panel checks).
    static func matrix(_ values: [[Double]]) -> FigureImage {
        FigureImage(checked: values.flatMap { $0.map(Float.init) }, height: values.count, width: values.first?.count ?? 0,
                    channels: 1)
    }
}
