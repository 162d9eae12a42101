import Foundation

/// Numeric or categorical axes with spines, ticks, tick labels, grid and legend, showing line
/// and scatter series or a bar chart.
struct AxesLayout: PanelLayout {
    enum Data {
        case xy([Series])
        case bars(BarChart)
    }

    /// A tick on one axis: where it is and what it says.
    struct Tick {
        var value: Double
        var label: String
    }

    let data: Data
    let titles: AxisTitles
    let style: Style
    let grid: Bool
    let showLegend: Bool
    /// Whether the legend stands right of the plot because every corner inside hides data.
    let legendOutside: Bool
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    let xTicks: [Tick]
    let yTicks: [Tick]
    let xMultiplier: String?
    let yMultiplier: String?
    /// Degrees by which x tick labels turn when they would not fit side by side.
    let xLabelRotation: Double
    let yLabelWidth: Double
    let xLabelExtent: Double
    let margins: Margins

    init(panel: Panel, data original: Data, titles: AxisTitles, cell: Rect, style: Style) {
        // Log axes: lay out log10 of the data, so that everything below stays linear.
        var data = original
        var xScale = AxisScale.linear, yScale = AxisScale.linear
        if case .xy(let series) = original {
            xScale = panel.xScale
            yScale = panel.yScale
            data = .xy(series.map { $0.transformed(x: xScale, y: yScale) })
        }
        self.data = data
        self.titles = titles
        self.style = style
        grid = panel.grid

        let legend = Legend(entries: Legend.entries(for: data, style: style), style: style)
        showLegend = (panel.legend ?? true) && !legend.entries.isEmpty

        // Ranges: the data with a 5% margin, bars from zero, unless the panel fixes them.
        let estimate = cell.inset(left: 60, top: titles.top + 10, right: 12, bottom: 40 + titles.bottom)
        let plotWidth = max(40, estimate.width), plotHeight = max(40, estimate.height)
        switch data {
        case .xy(let series):
            let xs = series.flatMap { $0.x }, ys = series.flatMap { $0.y }
            xRange = Self.limits(panel.xLimits, scale: panel.xScale) ?? Self.padded(Self.extremes(xs), fraction: 0.05)
            yRange = Self.limits(panel.yLimits, scale: panel.yScale) ?? Self.padded(Self.extremes(ys), fraction: 0.05)
        case .bars(let bars):
            xRange = -0.5...(Double(bars.categories.count) - 0.5)
            let values = bars.series.flatMap { $0.values }.filter { $0.isFinite }
            let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 1)
            let span = high > low ? high - low : 1
            // Bars fill the plot, so a legend needs free space above the tallest bar.
            let legendFraction = showLegend ? min(0.5, (legend.size.height + 14) / plotHeight) : 0
            let headroom = max(bars.valueLabels ? 0.12 : 0.05, legendFraction / (1 - legendFraction))
            yRange = panel.yLimits ?? (low < 0 ? low - span * headroom : low)...(high > 0 ? high + span * headroom : high)
        }

        // Y ticks: about one per 2.6 label heights, between 3 and 8.
        let yCount = min(8, max(3, Int(plotHeight / (style.tickLabelSize * 2.6))))
        let yAxis = yScale == .log
            ? AxisTicks.logarithmic(low: yRange.lowerBound, high: yRange.upperBound, maxCount: yCount)
            : AxisTicks(low: yRange.lowerBound, high: yRange.upperBound, maxCount: yCount)
        yTicks = zip(yAxis.values, yAxis.labels).map { Tick(value: $0, label: $1) }
        yMultiplier = yAxis.multiplier

        // X ticks: numbers as many as fit side by side; categories one per bar group.
        let size = style.tickLabelSize
        switch data {
        case .xy(let series):
            let range = xRange
            // x values that are all whole numbers (epochs, steps) get whole-number ticks.
            let integral = series.allSatisfy { $0.x.allSatisfy { $0.rounded() == $0 } }
            let ticks: (Int) -> AxisTicks = { count in
                xScale == .log
                    ? AxisTicks.logarithmic(low: range.lowerBound, high: range.upperBound, maxCount: count)
                    : AxisTicks(low: range.lowerBound, high: range.upperBound, maxCount: count, integral: integral)
            }
            var count = min(9, max(3, Int(plotWidth / (size * 5))))
            var axis = ticks(count)
            while count > 2 {
                let needed = axis.labels.reduce(0) { $0 + Font.width(of: $1, size: size) + size * 1.2 }
                if needed <= plotWidth {
                    break
                }
                count -= 1
                axis = ticks(count)
            }
            xTicks = zip(axis.values, axis.labels).map { Tick(value: $0, label: $1) }
            xMultiplier = axis.multiplier
            xLabelRotation = 0
        case .bars(let bars):
            let slot = plotWidth / Double(bars.categories.count)
            let widest = bars.categories.map { Font.width(of: $0, size: size) }.max() ?? 0
            let rotation: Double = widest + size * 0.6 <= slot ? 0 : (slot >= size * 1.8 ? 45 : 90)
            // Labels that stand up need one label height each; thin them out when even that fails.
            let every = rotation == 90 ? max(1, Int((size * 1.3 / slot).rounded(.up))) : 1
            xTicks = bars.categories.enumerated().compactMap { i, name in
                i % every == 0 ? Tick(value: Double(i), label: name) : nil
            }
            xMultiplier = nil
            xLabelRotation = rotation
        }

        yLabelWidth = yTicks.map { Font.width(of: $0.label, size: size) }.max() ?? 0
        let rotation = xLabelRotation * Double.pi / 180
        let xLabelWidths = xTicks.map { Font.width(of: $0.label, size: size) }
        xLabelExtent = (xLabelWidths.max() ?? 0) * sin(rotation) + style.textHeight(size) * cos(rotation)

        var m = Margins()
        m.left = style.tickLength + style.tickPad + yLabelWidth + titles.left + 2
        m.bottom = style.tickLength + style.tickPad + xLabelExtent + titles.bottom
            + (xMultiplier != nil && titles.xLabel == nil ? style.textHeight(size) + style.tickPad : 0)
        let halfLabel = Font.capHeight(size: size) / 2 + 2
        m.top = max(halfLabel, titles.top) + (yMultiplier != nil ? style.textHeight(size) + 2 : 0)
        let lastHalfWidth = xLabelRotation == 0 ? (xLabelWidths.last ?? 0) / 2 : 0
        m.right = max(8, lastHalfWidth + 2)
        if xLabelRotation != 0, let first = xLabelWidths.first {
            // Turned labels reach left of their tick; the first must not leave the figure.
            let slot = plotWidth / Double(max(1, xTicks.count))
            m.left = max(m.left, first * cos(rotation) - slot / 2 + 4)
        }

        var outside = false
        if showLegend {
            let estimatedPlot = cell.inset(left: m.left, top: m.top, right: m.right, bottom: m.bottom)
            var scratch: [SceneItem] = []
            var occupied: [Rect] = []
            Self.layoutData(data, in: estimatedPlot, xRange: xRange, yRange: yRange, style: style, into: &scratch,
                            occupied: &occupied)
            outside = legend.bestCorner(in: estimatedPlot, avoiding: occupied).hidden > 0
            if outside {
                m.right += legend.size.width + Legend.outsideGap
            }
        }
        legendOutside = outside
        margins = m
    }

    // MARK: - Ranges

    private static func extremes(_ values: [Double]) -> (Double, Double)? {
        var low = Double.infinity, high = -Double.infinity
        for v in values where v.isFinite {
            low = min(low, v)
            high = max(high, v)
        }
        return low <= high ? (low, high) : nil
    }

    /// Limits set on the panel, in the axis's units; nil when unset or not positive on a log axis.
    private static func limits(_ limits: ClosedRange<Double>?, scale: AxisScale) -> ClosedRange<Double>? {
        guard let limits else { return nil }
        let low = scale.transform(limits.lowerBound), high = scale.transform(limits.upperBound)
        return low.isFinite && high.isFinite && low < high ? low...high : nil
    }

    /// The extremes widened by `fraction` of their span on each side; a single value gets a
    /// span around it, no data gives 0...1.
    private static func padded(_ extremes: (Double, Double)?, fraction: Double) -> ClosedRange<Double> {
        guard let (low, high) = extremes else { return 0...1 }
        if !(high - low).isFinite {
            return low...high
        }
        if high > low {
            let pad = (high - low) * fraction
            return (low - pad)...(high + pad)
        }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad)...(high + pad)
    }

    // MARK: - Drawing

    func draw(in plot: Rect, into scene: inout Scene) {
        let fx = AxisMap(low: xRange.lowerBound, high: xRange.upperBound, start: plot.minX, end: plot.maxX)
        let fy = AxisMap(low: yRange.lowerBound, high: yRange.upperBound, start: plot.maxY, end: plot.minY)
        let size = style.tickLabelSize

        if grid {
            let line = StrokeStyle(width: 1, color: style.gridColor, snap: true)
            for t in yTicks {
                scene.add(.line([Point(plot.minX, fy(t.value)), Point(plot.maxX, fy(t.value))], line))
            }
            if case .xy = data {
                for t in xTicks {
                    scene.add(.line([Point(fx(t.value), plot.minY), Point(fx(t.value), plot.maxY)], line))
                }
            }
        }

        var content: [SceneItem] = []
        var occupied: [Rect] = []
        Self.layoutData(data, in: plot, xRange: xRange, yRange: yRange, style: style, into: &content, occupied: &occupied)
        scene.add(.clip(plot, content))

        // Spines above the data, as matplotlib draws them.
        let spine = StrokeStyle(width: style.spineWidth, color: style.spineColor, cap: .square, snap: true)
        scene.add(.line([Point(plot.minX, plot.maxY), Point(plot.maxX, plot.maxY)], spine))
        scene.add(.line([Point(plot.minX, plot.minY), Point(plot.maxX, plot.minY)], spine))
        scene.add(.line([Point(plot.minX, plot.minY), Point(plot.minX, plot.maxY)], spine))
        scene.add(.line([Point(plot.maxX, plot.minY), Point(plot.maxX, plot.maxY)], spine))

        let tick = StrokeStyle(width: style.tickWidth, color: style.spineColor, snap: true)
        let labelGap = style.tickLength + style.tickPad
        for t in yTicks {
            let y = fy(t.value)
            scene.add(.line([Point(plot.minX - style.tickLength, y), Point(plot.minX, y)], tick))
            scene.add(.text(TextItem(text: t.label, position: Point(plot.minX - labelGap, y), size: size,
                                     color: style.textColor, anchor: .end, baseline: .middle)))
        }
        for t in xTicks {
            let x = fx(t.value)
            scene.add(.line([Point(x, plot.maxY), Point(x, plot.maxY + style.tickLength)], tick))
            let rotated = xLabelRotation != 0
            scene.add(.text(TextItem(text: t.label, position: Point(x, plot.maxY + labelGap), size: size,
                                     color: style.textColor, anchor: rotated ? .end : .middle,
                                     baseline: rotated ? .middle : .top, rotation: xLabelRotation)))
        }
        if let yMultiplier {
            scene.add(.text(TextItem(text: yMultiplier, position: Point(plot.minX, plot.minY - 4), size: size,
                                     color: style.textColor, anchor: .start, baseline: .bottom)))
        }
        if let xMultiplier {
            scene.add(.text(TextItem(text: xMultiplier, position: Point(plot.maxX, plot.maxY + labelGap + xLabelExtent + 2),
                                     size: size, color: style.textColor, anchor: .end, baseline: .top)))
        }
        titles.draw(around: plot, leftExtent: labelGap + yLabelWidth, bottomExtent: labelGap + xLabelExtent,
                    topExtent: yMultiplier != nil ? style.textHeight(size) + 2 : 0, into: &scene)

        if showLegend {
            let legend = Legend(entries: Legend.entries(for: data, style: style), style: style)
            if legendOutside {
                legend.draw(at: Point(plot.maxX + Legend.outsideGap, plot.minY), into: &scene)
            } else {
                legend.draw(in: plot, avoiding: occupied, into: &scene)
            }
        }
    }

    /// The items showing the data inside `plot`, and the areas they cover (for the legend).
    static func layoutData(_ data: Data, in plot: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                           style: Style, into items: inout [SceneItem], occupied: inout [Rect]) {
        let fx = AxisMap(low: xRange.lowerBound, high: xRange.upperBound, start: plot.minX, end: plot.maxX)
        let fy = AxisMap(low: yRange.lowerBound, high: yRange.upperBound, start: plot.maxY, end: plot.minY)
        switch data {
        case .xy(let series):
            var placedLabels: [Rect] = []
            for s in series {
                switch s {
                case .line(let line):
                    drawLine(line, fx: fx, fy: fy, style: style, into: &items, occupied: &occupied)
                case .scatter(let scatter):
                    drawScatter(scatter, fx: fx, fy: fy, plot: plot, style: style, into: &items, occupied: &occupied,
                                labels: &placedLabels)
                }
            }
        case .bars(let bars):
            drawBars(bars, fx: fx, fy: fy, yRange: yRange, style: style, into: &items, occupied: &occupied)
        }
    }

    /// A small square marking a spot that data covers, for legend placement.
    private static func spot(_ p: Point) -> Rect {
        Rect(x: p.x - 1.5, y: p.y - 1.5, width: 3, height: 3)
    }

    /// The points of a polyline plus points every 6 units along its segments.
    private static func samples(along points: [Point]) -> [Point] {
        var out = points
        for (a, b) in zip(points, points.dropFirst()) {
            let length = (b - a).length
            guard length.isFinite else { continue }
            let n = min(200, Int((length / 6).rounded(.down)))
            if n > 1 {
                out += (1..<n).map { a + (b - a) * (Double($0) / Double(n)) }
            }
        }
        return out
    }

    private static func drawLine(_ s: LineSeries, fx: AxisMap, fy: AxisMap, style: Style, into items: inout [SceneItem],
                                 occupied: inout [Rect]) {
        let stroke = StrokeStyle(width: s.width, color: s.color, dash: s.style.dash(width: s.width), cap: .butt, join: .round)
        var run: [Point] = []
        for (x, y) in zip(s.x, s.y) {
            guard x.isFinite, y.isFinite else {
                if run.count > 1 {
                    items.append(.line(run, stroke))
                }
                run = []
                continue
            }
            run.append(Point(fx(x), fy(y)))
        }
        if run.count > 1 {
            items.append(.line(run, stroke))
        }
        let finite = zip(s.x, s.y).filter { $0.isFinite && $1.isFinite }.map { Point(fx($0), fy($1)) }
        occupied += samples(along: finite).map(spot)
        if let marker = s.marker {
            for p in finite {
                items += marker.items(at: p, radius: style.markerRadius * max(1, s.width / 2), color: s.color)
            }
        }
    }

    private static func drawScatter(_ s: ScatterSeries, fx: AxisMap, fy: AxisMap, plot: Rect, style: Style,
                                    into items: inout [SceneItem], occupied: inout [Rect], labels placed: inout [Rect]) {
        var centres: [(Point, Int)] = []
        for (i, (x, y)) in zip(s.x, s.y).enumerated() where x.isFinite && y.isFinite {
            let p = Point(fx(x), fy(y))
            centres.append((p, i))
            items += s.marker.items(at: p, radius: s.radius, color: s.color)
        }
        occupied += centres.map { spot($0.0) }
        guard let texts = s.pointLabels else { return }
        let size = style.annotationSize
        let gap = s.radius + 2
        for (p, i) in centres where !texts[i].isEmpty {
            let width = Font.width(of: texts[i], size: size), height = Font.capHeight(size: size)
            // Try right-above, right-below, left-above, left-below; keep the first that stays in
            // the plot and clear of labels already placed.
            let candidates: [(Rect, TextAnchor)] = [
                (Rect(x: p.x + gap, y: p.y - gap - height, width: width, height: height), .start),
                (Rect(x: p.x + gap, y: p.y + gap, width: width, height: height), .start),
                (Rect(x: p.x - gap - width, y: p.y - gap - height, width: width, height: height), .end),
                (Rect(x: p.x - gap - width, y: p.y + gap, width: width, height: height), .end),
            ]
            let choice = candidates.first { box, _ in
                plot.contains(Point(box.minX, box.minY)) && plot.contains(Point(box.maxX, box.maxY))
                    && !placed.contains { $0.intersects(box) }
            } ?? candidates[0]
            placed.append(choice.0)
            let x = choice.1 == .start ? choice.0.minX : choice.0.maxX
            items.append(.text(TextItem(text: texts[i], position: Point(x, choice.0.maxY), size: size,
                                        color: style.textColor, anchor: choice.1, baseline: .alphabetic)))
        }
    }

    private static func drawBars(_ bars: BarChart, fx: AxisMap, fy: AxisMap, yRange: ClosedRange<Double>, style: Style,
                                 into items: inout [SceneItem], occupied: inout [Rect]) {
        let k = Double(bars.series.count)
        let barWidth = 0.8 / k
        let zero = fy(min(max(0, yRange.lowerBound), yRange.upperBound))
        let decimals = NumberFormat.decimals(for: bars.series.flatMap { $0.values })
        // One size for all value labels, shrunk (not below 7) so that labels of neighbouring
        // bars do not run into each other.
        let widestLabel = bars.series.flatMap { $0.values }.map { Font.width(of: NumberFormat.fixed($0, decimals: decimals), size: 1) }.max() ?? 1
        let barPixels = fx(barWidth) - fx(0)
        let labelSize = min(style.annotationSize, max(7, barPixels * 1.1 / max(widestLabel, 1e-9)))
        for (j, group) in bars.series.enumerated() {
            for (i, v) in group.values.enumerated() where v.isFinite {
                let left = fx(Double(i) - 0.4 + barWidth * Double(j)), right = fx(Double(i) - 0.4 + barWidth * Double(j + 1))
                let top = fy(v)
                let rect = Rect(x: left, y: min(top, zero), width: right - left, height: abs(zero - top))
                items.append(.rect(rect, fill: group.color, stroke: nil, snap: true))
                occupied.append(rect)
                if bars.valueLabels {
                    let above = v >= 0
                    items.append(.text(TextItem(text: NumberFormat.fixed(v, decimals: decimals),
                                                position: Point(rect.midX, above ? top - 3 : top + 3),
                                                size: labelSize, color: style.textColor, anchor: .middle,
                                                baseline: above ? .alphabetic : .top)))
                }
            }
        }
    }
}
