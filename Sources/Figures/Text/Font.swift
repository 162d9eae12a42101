import Foundation

/// Where a text's anchor point sits along its baseline.
public enum TextAnchor: Sendable {
    case start, middle, end

    var fraction: Double {
        switch self {
        case .start: 0
        case .middle: 0.5
        case .end: 1
        }
    }
}

/// Where a text's anchor point sits across its baseline.
public enum TextBaseline: Sendable {
    /// On the baseline.
    case alphabetic
    /// Halfway up the capitals, so that digits centre on the point.
    case middle
    /// At the top of the capitals.
    case top
    /// At the bottom of the descenders.
    case bottom
}

/// The figure font: a sans-serif stroke font drawn for this project (see GlyphTable), with the
/// metrics that chart layout uses.
///
/// Glyphs are centre lines drawn with a round pen whose width grows with the size, so text keeps
/// its weight from 10 to 24 px and beyond. Unrotated text is lightly hinted: the baseline,
/// x-height and cap height land on whole pixels, so horizontal strokes stay sharp.
public enum Font {
    static let unitsPerEm = 20.0
    static let capHeight = 14.0
    static let xHeight = 10.0
    static let descender = -5.0

    private static let glyphs: [Character: Glyph] = {
        var table: [Character: Glyph] = [:]
        for line in GlyphTable.source.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let name = line[..<space]
            let character: Character = name == "space" ? " " : Character(String(name))
            table[character] = Glyph(definition: line[line.index(after: space)...])
        }
        return table
    }()

    private static let missing = Glyph(definition: Substring(GlyphTable.missing))

    /// The characters the font draws; others appear as a box.
    public static var characters: Set<Character> { Set(glyphs.keys) }

    /// The glyph for a character: its own, a box for printable characters the font lacks, and
    /// none for control characters (which take no space).
    static func glyph(for character: Character) -> Glyph? {
        if let glyph = glyphs[character] {
            return glyph
        }
        return character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) ? nil : missing
    }

    /// The advance width of `text` at `size` pixels per em.
    public static func width(of text: String, size: Double) -> Double {
        text.reduce(0) { $0 + (glyph(for: $1)?.advance ?? 0) } * size / unitsPerEm
    }

    /// The height of capitals and digits at `size`.
    public static func capHeight(size: Double) -> Double { capHeight * size / unitsPerEm }

    /// How far descenders reach below the baseline at `size` (a positive length).
    public static func descent(size: Double) -> Double { -descender * size / unitsPerEm }

    /// The pen width at `size`: about a twelfth of the em, never thinner than one pixel.
    public static func strokeWidth(size: Double) -> Double { max(1, size * 0.082) }

    /// The stroke contours of `text` drawn at `size`, its anchor at `anchor` (device pixels),
    /// turned `rotation` degrees counterclockwise; ready for one rasterizer.
    static func contours(_ text: String, size: Double, at anchor: Point, alignment: TextAnchor,
                         baseline: TextBaseline, rotation: Double) -> [[Point]] {
        let s = size / unitsPerEm
        let angle = rotation * Double.pi / 180
        let along = Point(cos(angle), -sin(angle))
        let up = Point(-sin(angle), -cos(angle))
        let lift: Double
        switch baseline {
        case .alphabetic: lift = 0
        case .middle: lift = capHeight * s / 2
        case .top: lift = capHeight * s
        case .bottom: lift = descender * s
        }
        let pen = strokeWidth(size: size)
        var origin = anchor - along * (width(of: text, size: size) * alignment.fraction) - up * lift
        let quarterTurns = rotation / 90
        let hinted = quarterTurns == quarterTurns.rounded()
        if hinted {
            // Put the baseline where a pen of this width covers whole pixels.
            let snap: (Double) -> Double = { Int(pen.rounded()) % 2 == 1 ? $0.rounded(.down) + 0.5 : $0.rounded() }
            if abs(up.y) > 0.5 {
                origin.y = snap(origin.y)
            } else {
                origin.x = snap(origin.x)
            }
        }
        let height: (Double) -> Double = hinted ? { hintedHeight($0, scale: s) } : { $0 * s }
        var contours: [[Point]] = []
        var x = 0.0
        for character in text {
            guard let glyph = glyph(for: character) else { continue }
            let place: (Point) -> Point = { p in origin + along * ((x + p.x) * s) + up * height(p.y) }
            for line in glyph.lines {
                contours += Stroker.outline(thinned(line.points.map(place)), width: pen, cap: .round, join: .round,
                                            closed: line.closed)
            }
            for dot in glyph.dots {
                contours.append(Curves.circle(center: place(dot), radius: pen * 0.68))
            }
            x += glyph.advance
        }
        return contours
    }

    /// Drops points closer than a third of a pixel to the last one kept (keeping the ends):
    /// glyphs are flattened finely enough for large sizes, which small sizes do not need.
    private static func thinned(_ points: [Point]) -> [Point] {
        guard points.count > 2, let last = points.last else { return points }
        var kept = [points[0]]
        kept.reserveCapacity(points.count)
        for p in points.dropFirst().dropLast() where (p - kept[kept.count - 1]).length >= 0.33 {
            kept.append(p)
        }
        kept.append(last)
        return kept
    }

    /// Maps a font height to pixels so that the x-height and cap height are whole pixels.
    private static func hintedHeight(_ v: Double, scale s: Double) -> Double {
        let xh = max(1, (xHeight * s).rounded())
        let cap = max(xh, (capHeight * s).rounded())
        if v <= 0 {
            return v * s
        }
        if v <= xHeight {
            return v * xh / xHeight
        }
        if v <= capHeight {
            return xh + (v - xHeight) * (cap - xh) / (capHeight - xHeight)
        }
        return cap + (v - capHeight) * s
    }
}
