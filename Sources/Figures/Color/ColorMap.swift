/// A map from numbers to colours, as in matplotlib's `cmap`.
///
/// A map holds evenly spaced colour stops from low (0) to high (1) and interpolates linearly
/// between them. Diverging maps are meant for signed data: charts centre their default range on
/// zero, so zero gets the middle colour (white for `rdbu`).
///
/// ```swift
/// let cmap = try ColorMap.named("viridis")
/// let c = cmap.color(for: 0.3, in: 0...1)
/// ```
public struct ColorMap: Equatable, Sendable {
    /// The name the map is known by (`viridis`, `rdbu_r`, ...).
    public let name: String
    /// Whether the map is diverging, so its natural range is symmetric around zero.
    public let isDiverging: Bool
    let stops: [Color]

    init(name: String, stops: [Color], isDiverging: Bool = false) {
        self.name = name
        self.stops = stops
        self.isDiverging = isDiverging
    }

    /// matplotlib's viridis: dark purple through blue and green to yellow.
    public static let viridis = ColorMap(name: "viridis", stops: ColorMapTables.colors(ColorMapTables.viridis))
    /// matplotlib's magma: black through purple and orange to light yellow.
    public static let magma = ColorMap(name: "magma", stops: ColorMapTables.colors(ColorMapTables.magma))
    /// Black to white.
    public static let gray = ColorMap(name: "gray", stops: [.black, .white])
    /// Diverging red (low) through white (middle) to blue (high), like matplotlib's RdBu.
    /// For signed data zero is exactly white; `rdbu_r` shows positive values in red.
    public static let rdbu = ColorMap(
        name: "rdbu", stops: ColorMapTables.colors(ColorMapTables.redWhiteBlue), isDiverging: true)

    /// The maps `named` knows, without their `_r` forms.
    public static let names = ["viridis", "magma", "gray", "rdbu"]

    /// Finds a map by name (case-insensitive); a `_r` suffix reverses it, as in matplotlib.
    /// `grey` and `greys_r` are accepted for `gray`, `rdbu` also answers to `RdBu`.
    public static func named(_ name: String) throws -> ColorMap {
        var key = name.lowercased()
        let reversed = key.hasSuffix("_r")
        if reversed {
            key.removeLast(2)
        }
        let base: ColorMap
        switch key {
        case "viridis": base = .viridis
        case "magma": base = .magma
        case "gray", "grey": base = .gray
        case "rdbu": base = .rdbu
        default:
            throw FigureError(
                "ColorMap.named: unknown colour map '\(name)' (expected one of \(names.joined(separator: ", ")), optionally with _r)")
        }
        return reversed ? base.reversed : base
    }

    /// The same map from high to low; the name gains or loses `_r`.
    public var reversed: ColorMap {
        let newName = name.hasSuffix("_r") ? String(name.dropLast(2)) : name + "_r"
        return ColorMap(name: newName, stops: stops.reversed(), isDiverging: isDiverging)
    }

    /// The colour at position `t` (0 low ... 1 high), clamped; NaN gives transparent.
    public func color(at t: Double) -> Color {
        guard !t.isNaN, let last = stops.last else { return .clear }
        let position = min(1, max(0, t)) * Double(stops.count - 1)
        let i = Int(position.rounded(.down))
        if i >= stops.count - 1 {
            return last
        }
        return stops[i].mixed(with: stops[i + 1], position - Double(i))
    }

    /// The colour for `value` when `range` spans the map; values outside are clamped.
    public func color(for value: Double, in range: ClosedRange<Double>) -> Color {
        let span = range.upperBound - range.lowerBound
        return color(at: span > 0 ? (value - range.lowerBound) / span : 0.5)
    }

    /// The range to use for data with the given extremes: diverging maps get a range symmetric
    /// around zero; an empty range is widened so that it has a span.
    func defaultRange(min low: Double, max high: Double) -> ClosedRange<Double> {
        guard low.isFinite, high.isFinite else { return 0...1 }
        if isDiverging {
            let m = Swift.max(abs(low), abs(high))
            return m > 0 ? -m...m : -1...1
        }
        if high > low {
            return low...high
        }
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return (low - pad)...(high + pad)
    }
}
