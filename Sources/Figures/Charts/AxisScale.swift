import Foundation

/// How data values map to positions along an axis, as matplotlib's `set_xscale`.
public enum AxisScale: String, CaseIterable, Sendable {
    case linear
    /// Base-10 logarithmic; values that are not positive are left out.
    case log

    /// Reads `linear` or `log`.
    public init(parsing text: String) throws {
        guard let scale = AxisScale(rawValue: text.lowercased()) else {
            throw FigureError("AxisScale: unknown scale '\(text)' (expected linear or log)")
        }
        self = scale
    }

    /// The position of `v` on the axis, before scaling to the plot: `v` itself, or log10(v)
    /// (NaN for values that are not positive).
    func transform(_ v: Double) -> Double {
        switch self {
        case .linear: v
        case .log: v > 0 ? log10(v) : .nan
        }
    }
}
