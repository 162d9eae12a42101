/// The legend box: one row per labelled series, placed in the corner of the plot that hides
/// the fewest data points (matplotlib's `loc="best"`, corners only).
struct Legend {
    enum Sample {
        case line(StrokeStyle, Marker?, markerRadius: Double)
        case marker(Marker, Color, radius: Double)
        case patch(Color)
    }

    struct Entry {
        var label: String
        var sample: Sample
    }

    let entries: [Entry]
    let style: Style

    init(entries: [Entry], style: Style) {
        self.entries = entries.filter { !$0.label.isEmpty }
        self.style = style
    }

    static func entries(for data: AxesLayout.Data, style: Style) -> [Entry] {
        switch data {
        case .xy(let series):
            return series.map { s in
                switch s {
                case .line(let l):
                    let stroke = StrokeStyle(width: l.width, color: l.color, dash: l.style.dash(width: l.width))
                    return Entry(label: l.label ?? "", sample: .line(stroke, l.marker, markerRadius: style.markerRadius * max(1, l.width / 2)))
                case .scatter(let s):
                    return Entry(label: s.label ?? "", sample: .marker(s.marker, s.color, radius: s.radius))
                }
            }
        case .bars(let bars):
            return bars.series.count > 1 ? bars.series.map { Entry(label: $0.name, sample: .patch($0.color)) } : []
        }
    }

    private var rowHeight: Double { style.legendSize * 1.5 }
    private var pad: Double { style.legendSize * 0.55 }
    private var sampleWidth: Double { style.legendSize * 2 }

    /// The size of the legend box.
    var size: (width: Double, height: Double) {
        let labelWidth = entries.map { Font.width(of: $0.label, size: style.legendSize) }.max() ?? 0
        return (pad + sampleWidth + style.legendSize * 0.6 + labelWidth + pad, Double(entries.count) * rowHeight + pad)
    }

    /// The gap between the plot and a legend standing outside it.
    static let outsideGap = 10.0

    /// The inside corner that hides the least data, and how much area of it the legend hides.
    func bestCorner(in plot: Rect, avoiding occupied: [Rect]) -> (origin: Point, hidden: Double) {
        let (width, height) = size
        let inset = 6.0
        let corners = [
            Point(plot.maxX - inset - width, plot.minY + inset), Point(plot.minX + inset, plot.minY + inset),
            Point(plot.minX + inset, plot.maxY - inset - height), Point(plot.maxX - inset - width, plot.maxY - inset - height),
        ]
        let hidden = corners.map { corner in
            let box = Rect(x: corner.x, y: corner.y, width: width, height: height)
            return occupied.reduce(0.0) { total, r in total + (box.intersection(r).map { $0.width * $0.height } ?? 0) }
        }
        let best = hidden.indices.min { hidden[$0] < hidden[$1] } ?? 0
        return (corners[best], hidden[best])
    }

    /// Draws the legend in the corner of `plot` that hides the least data.
    func draw(in plot: Rect, avoiding occupied: [Rect], into scene: inout Scene) {
        guard !entries.isEmpty else { return }
        draw(at: bestCorner(in: plot, avoiding: occupied).origin, into: &scene)
    }

    /// Draws the legend with its top left corner at `origin`.
    func draw(at origin: Point, into scene: inout Scene) {
        guard !entries.isEmpty else { return }
        let size = style.legendSize
        let row = rowHeight, pad = self.pad, sampleWidth = self.sampleWidth
        let box = Rect(x: origin.x, y: origin.y, width: self.size.width, height: self.size.height)
        scene.add(.rect(box, fill: Color(gray: 1, alpha: 0.85), stroke: StrokeStyle(width: 1, color: Color(gray: 0.8)),
                        cornerRadius: 3))
        for (i, entry) in entries.enumerated() {
            let y = box.minY + pad / 2 + row * (Double(i) + 0.5)
            let left = box.minX + pad, mid = Point(left + sampleWidth / 2, y)
            switch entry.sample {
            case .line(let stroke, let marker, let radius):
                scene.add(.line([Point(left, y), Point(left + sampleWidth, y)], stroke))
                if let marker {
                    marker.items(at: mid, radius: radius, color: stroke.color).forEach { scene.add($0) }
                }
            case .marker(let marker, let color, let radius):
                marker.items(at: mid, radius: radius, color: color).forEach { scene.add($0) }
            case .patch(let color):
                scene.add(.rect(Rect(x: left + sampleWidth * 0.15, y: y - size * 0.35, width: sampleWidth * 0.7, height: size * 0.7),
                                fill: color, stroke: nil))
            }
            scene.add(.text(TextItem(text: entry.label, position: Point(left + sampleWidth + size * 0.6, y), size: size,
                                     color: style.textColor, anchor: .start, baseline: .middle)))
        }
    }
}
