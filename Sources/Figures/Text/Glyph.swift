/// One character of the figure font: centre lines in font units (y up) and the advance.
struct Glyph {
    /// A centre line; closed lines join their last point to their first.
    struct Line {
        var points: [Point]
        var closed: Bool
    }

    let advance: Double
    let lines: [Line]
    let dots: [Point]

    /// Curves are flattened finely enough for the largest sizes figures use.
    static let flatness = 0.02

    /// Parses `<advance> <path>` (see GlyphTable); nil when the text is malformed.
    init?(definition: Substring) {
        var tokens = definition.split(separator: " ")[...]
        guard let first = tokens.popFirst(), let advance = Double(first) else { return nil }
        var lines: [Line] = []
        var dots: [Point] = []
        var pen: [Point] = []
        func finishLine() {
            if pen.count >= 2 {
                lines.append(Line(points: pen, closed: false))
            }
            pen = []
        }
        while let token = tokens.popFirst() {
            guard let command = token.first, command.isLetter else { return nil }
            var numbers: [Double] = []
            if token.count > 1 {
                guard let n = Double(token.dropFirst()) else { return nil }
                numbers.append(n)
            }
            while let next = tokens.first, let n = Double(next) {
                numbers.append(n)
                tokens.removeFirst()
            }
            switch (command, numbers.count) {
            case ("M", 2):
                finishLine()
                pen = [Point(numbers[0], numbers[1])]
            case ("L", 2):
                guard !pen.isEmpty else { return nil }
                pen.append(Point(numbers[0], numbers[1]))
            case ("C", 6):
                guard let start = pen.last else { return nil }
                pen += Curves.cubic(start, Point(numbers[0], numbers[1]), Point(numbers[2], numbers[3]),
                                    Point(numbers[4], numbers[5]), tolerance: Self.flatness)
            case ("A", 6):
                let degrees = Double.pi / 180
                pen += Curves.arc(center: Point(numbers[0], numbers[1]), radiusX: numbers[2], radiusY: numbers[3],
                                  start: numbers[4] * degrees, sweep: (numbers[5] - numbers[4]) * degrees,
                                  tolerance: Self.flatness)
            case ("E", 4):
                finishLine()
                var ring = Curves.arc(center: Point(numbers[0], numbers[1]), radiusX: numbers[2], radiusY: numbers[3],
                                      start: 0, sweep: 2 * Double.pi, tolerance: Self.flatness)
                ring.removeLast()
                lines.append(Line(points: ring, closed: true))
            case ("D", 2):
                finishLine()
                dots.append(Point(numbers[0], numbers[1]))
            default:
                return nil
            }
        }
        finishLine()
        self.advance = advance
        self.lines = lines
        self.dots = dots
    }
}
