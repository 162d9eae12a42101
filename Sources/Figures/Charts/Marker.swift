/// The symbol drawn at each data point, as matplotlib's `marker=`.
public enum Marker: String, CaseIterable, Sendable {
    case circle = "o"
    case point = "."
    case square = "s"
    case triangle = "^"
    case triangleDown = "v"
    case diamond = "D"
    case plus = "+"
    case cross = "x"

    /// Reads a matplotlib marker code (`o . s ^ v D d + x`) or a name (`circle`, `square`, ...).
    public init(parsing text: String) throws {
        if let marker = Marker(rawValue: text) {
            self = marker
            return
        }
        switch text.lowercased() {
        case "circle": self = .circle
        case "point", "dot": self = .point
        case "square": self = .square
        case "triangle", "triangle_up": self = .triangle
        case "triangle_down": self = .triangleDown
        case "diamond", "d": self = .diamond
        case "plus": self = .plus
        case "cross", "x": self = .cross
        default:
            throw FigureError("Marker: unknown marker '\(text)' (expected one of o . s ^ v D + x or circle, square, triangle, diamond, plus, cross)")
        }
    }

    /// The scene items for this marker centred at `c` with nominal radius `r`.
    func items(at c: Point, radius r: Double, color: Color) -> [SceneItem] {
        let edge = StrokeStyle(width: max(1, r * 0.45), color: color, cap: .butt)
        switch self {
        case .circle:
            return [.circle(center: c, radius: r, fill: color, stroke: nil)]
        case .point:
            return [.circle(center: c, radius: r * 0.5, fill: color, stroke: nil)]
        case .square:
            let h = r * 0.9
            return [.rect(Rect(x: c.x - h, y: c.y - h, width: 2 * h, height: 2 * h), fill: color, stroke: nil)]
        case .triangle, .triangleDown:
            let d = self == .triangle ? 1.0 : -1.0
            let h = r * 1.2
            return [.polygon([Point(c.x, c.y - d * h), Point(c.x + h * 0.94, c.y + d * h * 0.68),
                              Point(c.x - h * 0.94, c.y + d * h * 0.68)], fill: color, stroke: nil)]
        case .diamond:
            let h = r * 1.2
            return [.polygon([Point(c.x, c.y - h), Point(c.x + h * 0.8, c.y), Point(c.x, c.y + h), Point(c.x - h * 0.8, c.y)],
                             fill: color, stroke: nil)]
        case .plus:
            let h = r * 1.15
            return [.line([Point(c.x - h, c.y), Point(c.x + h, c.y)], edge), .line([Point(c.x, c.y - h), Point(c.x, c.y + h)], edge)]
        case .cross:
            let h = r * 0.95
            return [.line([Point(c.x - h, c.y - h), Point(c.x + h, c.y + h)], edge),
                    .line([Point(c.x - h, c.y + h), Point(c.x + h, c.y - h)], edge)]
        }
    }
}
