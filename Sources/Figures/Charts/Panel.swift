/// One chart in a figure: axes with a title, axis labels, ticks, an optional legend and grid,
/// and what they show.
///
/// A panel takes any number of line and scatter series, or one bar chart, heatmap, image or
/// image grid. Series colours follow matplotlib's tab10 cycle unless given. Every method checks
/// its input and throws `FigureError` naming the panel and the argument.
///
/// ```swift
/// let fig = try Figure()
/// let p = try fig.panel(0, 0)
/// try p.line(x: steps, y: loss, label: "train")
/// p.title = "Training"; p.xLabel = "step"; p.yLabel = "loss"
/// try fig.save("loss.png")
/// ```
public final class Panel {
    /// The panel's row in its figure, from 0.
    public let row: Int
    /// The panel's column in its figure, from 0.
    public let column: Int
    /// Drawn centred above the panel.
    public var title: String?
    /// Drawn centred below the x axis.
    public var xLabel: String?
    /// Drawn beside the y axis, reading upwards.
    public var yLabel: String?
    /// Whether to draw the legend; nil (the default) draws it when some series has a label.
    public var legend: Bool?
    /// Whether to draw grid lines at the major ticks.
    public var grid = false
    /// Linear or logarithmic x axis for line and scatter plots.
    public var xScale = AxisScale.linear
    /// Linear or logarithmic y axis for line and scatter plots; bar charts keep a linear axis.
    public var yScale = AxisScale.linear
    /// Fixed axis limits; nil (the default) fits the data with a 5% margin (in log units on a
    /// log axis, where limits that are not positive are ignored).
    public private(set) var xLimits: ClosedRange<Double>?
    /// Fixed y axis limits; see `xLimits`.
    public private(set) var yLimits: ClosedRange<Double>?

    private(set) var content = PanelContent.empty
    private var colorIndex = 0

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    private var name: String { "panel(\(row), \(column))" }

    // MARK: - Axes

    /// Fixes the x axis to `low...high`.
    public func setXLimits(_ low: Double, _ high: Double) throws {
        xLimits = try limits(low, high, axis: "setXLimits")
    }

    /// Fixes the y axis to `low...high`.
    public func setYLimits(_ low: Double, _ high: Double) throws {
        yLimits = try limits(low, high, axis: "setYLimits")
    }

    private func limits(_ low: Double, _ high: Double, axis: String) throws -> ClosedRange<Double> {
        guard low.isFinite, high.isFinite, low < high else {
            throw FigureError("\(name).\(axis): limits \(low)...\(high) are invalid (expected finite numbers with low < high)")
        }
        return low...high
    }

    // MARK: - Series

    /// Adds a line through the points; `x` defaults to 0, 1, 2, ... Non-finite values break
    /// the line. `color` defaults to the next colour of the cycle.
    public func line(x: [Double]? = nil, y: [Double], label: String? = nil, marker: Marker? = nil,
                     color: Color? = nil, width: Double = 2, style: LineStyle = .solid) throws {
        let xs = try coordinates(x: x, y: y, call: "line")
        guard width > 0, width.isFinite else {
            throw FigureError("\(name).line: width \(width) is invalid (expected a positive number)")
        }
        try addSeries(.line(LineSeries(x: xs, y: y, label: label, color: color ?? nextColor(), width: width,
                                       style: style, marker: marker)), call: "line")
    }

    /// Adds points; `labels` (one per point) are written beside them. Non-finite points are
    /// skipped.
    public func scatter(x: [Double], y: [Double], labels: [String]? = nil, label: String? = nil,
                        color: Color? = nil, marker: Marker = .circle, size: Double = 4) throws {
        let xs = try coordinates(x: x, y: y, call: "scatter")
        if let labels, labels.count != y.count {
            throw FigureError("\(name).scatter: \(labels.count) labels for \(y.count) points (expected one label per point)")
        }
        guard size > 0, size.isFinite else {
            throw FigureError("\(name).scatter: size \(size) is invalid (expected a positive marker radius)")
        }
        try addSeries(.scatter(ScatterSeries(x: xs, y: y, pointLabels: labels, label: label, color: color ?? nextColor(),
                                             marker: marker, radius: size)), call: "scatter")
    }

    private func coordinates(x: [Double]?, y: [Double], call: String) throws -> [Double] {
        guard !y.isEmpty else {
            throw FigureError("\(name).\(call): y is empty (expected at least one value)")
        }
        guard let x else { return y.indices.map(Double.init) }
        guard x.count == y.count else {
            throw FigureError("\(name).\(call): x has \(x.count) values but y has \(y.count) (expected the same count)")
        }
        return x
    }

    private func addSeries(_ series: Series, call: String) throws {
        switch content {
        case .empty: content = .xy([series])
        case .xy(let existing): content = .xy(existing + [series])
        default: throw occupied(call)
        }
    }

    private func nextColor() -> Color {
        defer { colorIndex += 1 }
        return Palette.color(colorIndex)
    }

    private func occupied(_ call: String) -> FigureError {
        FigureError("\(name).\(call): the panel already shows \(content.description) (expected an empty panel; use another panel)")
    }

    private func requireEmpty(_ call: String) throws {
        guard case .empty = content else { throw occupied(call) }
    }

    // MARK: - Bars

    /// A grouped bar chart: one group of bars per category, one bar per series in each group.
    /// `valueLabels` writes each bar's value above it.
    public func bar(categories: [String], series: [(name: String, values: [Double])], valueLabels: Bool = false) throws {
        try requireEmpty("bar")
        guard !categories.isEmpty else {
            throw FigureError("\(name).bar: categories is empty (expected at least one category)")
        }
        guard !series.isEmpty else {
            throw FigureError("\(name).bar: series is empty (expected at least one (name, values) pair)")
        }
        for s in series where s.values.count != categories.count {
            throw FigureError(
                "\(name).bar: series '\(s.name)' has \(s.values.count) values for \(categories.count) categories (expected one value per category)")
        }
        let groups = series.map { BarChart.Group(name: $0.name, values: $0.values, color: nextColor()) }
        content = .bars(BarChart(categories: categories, series: groups, valueLabels: valueLabels))
    }

    /// A bar chart of one series.
    public func bar(categories: [String], values: [Double], valueLabels: Bool = false) throws {
        try bar(categories: categories, series: [(name: "", values: values)], valueLabels: valueLabels)
    }

    // MARK: - Heatmaps and images

    /// A heatmap of `values` (rows top to bottom), with optional row and column labels, the
    /// value written in each cell (`annotate`) and a colour bar. `range` defaults to the data's
    /// extremes, or to a range symmetric around zero for diverging maps. NaN cells stay empty.
    public func heatmap(values: [[Double]], rowLabels: [String]? = nil, colLabels: [String]? = nil,
                        annotate: Bool = false, cmap: ColorMap = .viridis, range: ClosedRange<Double>? = nil,
                        colorBar: Bool = true, colorBarLabel: String? = nil) throws {
        try requireEmpty("heatmap")
        guard let width = values.first?.count, width > 0 else {
            throw FigureError("\(name).heatmap: values is empty (expected at least one row with one value)")
        }
        for (i, row) in values.enumerated() where row.count != width {
            throw FigureError("\(name).heatmap: row \(i) has \(row.count) values but row 0 has \(width) (expected equal rows)")
        }
        if let rowLabels, rowLabels.count != values.count {
            throw FigureError("\(name).heatmap: \(rowLabels.count) row labels for \(values.count) rows (expected one per row)")
        }
        if let colLabels, colLabels.count != width {
            throw FigureError("\(name).heatmap: \(colLabels.count) column labels for \(width) columns (expected one per column)")
        }
        try checkRange(range, call: "heatmap")
        content = .heatmap(HeatmapChart(values: values, rowLabels: rowLabels, colLabels: colLabels, annotate: annotate,
                                        cmap: cmap, range: range, colorBar: colorBar, colorBarLabel: colorBarLabel))
    }

    /// Shows an image (`height` x `width` x `channels`, channel-last) with square pixels and
    /// nearest-neighbour upscaling. One channel goes through `cmap` over `range` (default: the
    /// data's extremes, symmetric around zero for diverging maps); three or four channels are
    /// RGB(A) scaled from `range` (default 0...1).
    public func image(pixels: [Float], height: Int, width: Int, channels: Int = 1, cmap: ColorMap = .gray,
                      range: ClosedRange<Double>? = nil, colorBar: Bool = false, colorBarLabel: String? = nil) throws {
        let image = try FigureImage(pixels: pixels, height: height, width: width, channels: channels, caller: "\(name).image")
        try self.image(image, cmap: cmap, range: range, colorBar: colorBar, colorBarLabel: colorBarLabel)
    }

    /// Shows an image; see `image(pixels:height:width:channels:cmap:range:colorBar:colorBarLabel:)`.
    public func image(_ image: FigureImage, cmap: ColorMap = .gray, range: ClosedRange<Double>? = nil,
                      colorBar: Bool = false, colorBarLabel: String? = nil) throws {
        try requireEmpty("image")
        try checkRange(range, call: "image")
        content = .image(ImageChart(image: image, cmap: cmap, range: range, colorBar: colorBar, colorBarLabel: colorBarLabel))
    }

    /// Shows many small images in a grid, each with its caption below; `columns` defaults to
    /// a near-square grid. All images share one value range, so they can be compared.
    public func images(_ images: [FigureImage], captions: [String]? = nil, columns: Int? = nil,
                       cmap: ColorMap = .gray, range: ClosedRange<Double>? = nil) throws {
        try requireEmpty("images")
        guard !images.isEmpty else {
            throw FigureError("\(name).images: no images given (expected at least one)")
        }
        if let captions, captions.count != images.count {
            throw FigureError("\(name).images: \(captions.count) captions for \(images.count) images (expected one per image)")
        }
        if let columns, columns < 1 {
            throw FigureError("\(name).images: columns is \(columns) (expected at least 1)")
        }
        try checkRange(range, call: "images")
        let defaultColumns = Int(Double(images.count).squareRoot().rounded(.up))
        content = .imageGrid(ImageGridChart(images: images, captions: captions,
                                            columns: min(images.count, columns ?? defaultColumns), cmap: cmap, range: range))
    }

    private func checkRange(_ range: ClosedRange<Double>?, call: String) throws {
        if let range, !(range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound) {
            throw FigureError("\(name).\(call): range \(range) is invalid (expected finite bounds with lower < upper)")
        }
    }
}
