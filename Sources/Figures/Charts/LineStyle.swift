/// The dash pattern of a line, as matplotlib's `linestyle=`.
public enum LineStyle: String, CaseIterable, Sendable {
    case solid = "-"
    case dashed = "--"
    case dotted = ":"
    case dashDot = "-."

    /// Reads a matplotlib code (`-  --  :  -.`) or a name (`solid`, `dashed`, `dotted`, `dashdot`).
    public init(parsing text: String) throws {
        if let style = LineStyle(rawValue: text) {
            self = style
            return
        }
        switch text.lowercased() {
        case "solid": self = .solid
        case "dashed": self = .dashed
        case "dotted": self = .dotted
        case "dashdot", "dash-dot": self = .dashDot
        default:
            throw FigureError("LineStyle: unknown line style '\(text)' (expected one of - -- : -. or solid, dashed, dotted, dashdot)")
        }
    }

    /// On and off lengths for a line of `width`; patterns scale with the width, as in matplotlib.
    func dash(width: Double) -> [Double] {
        let w = max(1, width)
        switch self {
        case .solid: return []
        case .dashed: return [3.7 * w, 1.6 * w]
        case .dotted: return [1 * w, 1.65 * w]
        case .dashDot: return [6.4 * w, 1.6 * w, 1 * w, 1.6 * w]
        }
    }
}
