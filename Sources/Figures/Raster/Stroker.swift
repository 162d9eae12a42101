import Foundation

/// How the ends of an open stroke look.
public enum LineCap: Sendable {
    case butt, round, square
}

/// How a stroke turns a corner.
public enum LineJoin: Sendable {
    case miter, round, bevel
}

/// Turns a polyline into the contours of its stroke, for the rasterizer.
///
/// An open stroke becomes one contour: the offset on one side, the end cap, the offset on the
/// other side backwards, the start cap. Outer corners get the join; inner corners go through the
/// corner point itself (Skia's "pivot"), which keeps the winding positive where the offsets
/// cross. Every contour has the same orientation (negative signed area), so a rasterizer holding
/// many strokes fills their union.
enum Stroker {
    /// Miter joins longer than this many half widths become bevels, as in SVG's default.
    static let miterLimit = 4.0

    /// The contours of a stroke of `width` along `points` (device coordinates).
    static func outline(_ points: [Point], width: Double, cap: LineCap, join: LineJoin, closed: Bool,
                        tolerance: Double = Curves.tolerance) -> [[Point]] {
        let hw = width / 2
        guard hw > 0 else { return [] }
        var p = deduplicated(points)
        if closed, p.count > 2, let first = p.first, let last = p.last, (last - first).length < 1e-9 {
            p.removeLast()
        }
        if p.count == 1 {
            switch cap {
            case .butt: return []
            case .round: return [Curves.circle(center: p[0], radius: hw, tolerance: tolerance)]
            case .square:
                let c = p[0]
                return [[Point(c.x - hw, c.y - hw), Point(c.x - hw, c.y + hw), Point(c.x + hw, c.y + hw), Point(c.x + hw, c.y - hw)]]
            }
        }
        guard p.count >= 2 else { return [] }
        if closed && p.count >= 3 {
            var rings = [side(p, hw: hw, join: join, closed: true, tolerance: tolerance),
                         side(p.reversed(), hw: hw, join: join, closed: true, tolerance: tolerance)]
            // The outer ring must have the common orientation; the inner one is then opposite.
            let areas = rings.map(Curves.signedArea)
            let outerArea = abs(areas[0]) >= abs(areas[1]) ? areas[0] : areas[1]
            if outerArea > 0 {
                rings = rings.map { $0.reversed() }
            }
            return rings
        }
        let reversed = Array(p.reversed())
        var contour = side(p, hw: hw, join: join, closed: false, tolerance: tolerance)
        appendCap(&contour, at: p[p.count - 1], direction: (p[p.count - 1] - p[p.count - 2]).normalized,
                  hw: hw, cap: cap, tolerance: tolerance)
        contour += side(reversed, hw: hw, join: join, closed: false, tolerance: tolerance)
        appendCap(&contour, at: p[0], direction: (p[0] - p[1]).normalized, hw: hw, cap: cap, tolerance: tolerance)
        return [contour]
    }

    /// The pieces of a polyline that a dash pattern (on, off, on, off, ... lengths) keeps.
    static func dashes(_ points: [Point], pattern: [Double]) -> [[Point]] {
        let total = pattern.reduce(0, +)
        guard points.count >= 2, total > 0, pattern.allSatisfy({ $0 >= 0 }) else { return [points] }
        var pieces: [[Point]] = []
        var current: [Point] = []
        var index = 0
        var left = pattern[0]
        var on = true
        if on {
            current.append(points[0])
        }
        for i in 1..<points.count {
            var a = points[i - 1]
            let b = points[i]
            var remaining = (b - a).length
            while remaining > left {
                let cut = a + (b - a).normalized * left
                remaining -= left
                a = cut
                if on {
                    current.append(cut)
                    pieces.append(current)
                    current = []
                } else {
                    current = [cut]
                }
                on.toggle()
                index = (index + 1) % pattern.count
                left = pattern[index]
            }
            left -= remaining
            if on {
                current.append(b)
            }
        }
        if on && current.count >= 2 {
            pieces.append(current)
        }
        return pieces
    }

    private static func deduplicated(_ points: [Point]) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(points.count)
        for p in points where p.x.isFinite && p.y.isFinite {
            if let last = out.last, (p - last).length < 1e-9 {
                continue
            }
            out.append(p)
        }
        return out
    }

    /// The offset of a polyline on the side of its segments' `perpendicular`, with joins.
    private static func side(_ p: [Point], hw: Double, join: LineJoin, closed: Bool, tolerance: Double) -> [Point] {
        let segmentCount = closed ? p.count : p.count - 1
        var out: [Point] = []
        out.reserveCapacity(segmentCount * 2 + 8)
        for i in 0..<segmentCount {
            let a = p[i], b = p[(i + 1) % p.count]
            let d = (b - a).normalized
            if i > 0 || closed {
                let before = p[(i - 1 + p.count) % p.count]
                appendJoin(&out, at: a, from: (a - before).normalized, to: d, hw: hw, join: join, tolerance: tolerance)
            }
            let n = d.perpendicular * hw
            out.append(a + n)
            out.append(b + n)
        }
        return out
    }

    private static func appendJoin(_ out: inout [Point], at v: Point, from d1: Point, to d2: Point,
                                   hw: Double, join: LineJoin, tolerance: Double) {
        let cross = d1.cross(d2), dot = d1.dot(d2)
        if abs(cross) < 1e-9 && dot > 0 {
            return
        }
        if cross > 0 {
            // Inner corner: pass through the corner point.
            out.append(v)
            return
        }
        let n1 = d1.perpendicular, n2 = d2.perpendicular
        switch join {
        case .bevel:
            return
        case .miter:
            let ratio = (2 / max(1e-12, 1 + n1.dot(n2))).squareRoot()
            if ratio <= miterLimit {
                out.append(v + (n1 + n2) * (hw / (1 + n1.dot(n2))))
            }
        case .round:
            let sweep = -abs(atan2(cross, dot))
            // Gentle turns (flattened curves) need no points between the two offsets.
            if Curves.segments(radius: hw, sweep: sweep, tolerance: tolerance) <= 1 {
                return
            }
            let arc = Curves.arc(center: v, radiusX: hw, radiusY: hw, start: atan2(n1.y, n1.x), sweep: sweep,
                                 tolerance: tolerance)
            out += arc.dropFirst().dropLast()
        }
    }

    private static func appendCap(_ out: inout [Point], at e: Point, direction d: Point, hw: Double, cap: LineCap,
                                  tolerance: Double) {
        let n = d.perpendicular * hw
        switch cap {
        case .butt:
            return
        case .square:
            out.append(e + n + d * hw)
            out.append(e - n + d * hw)
        case .round:
            let arc = Curves.arc(center: e, radiusX: hw, radiusY: hw, start: atan2(n.y, n.x), sweep: -Double.pi,
                                 tolerance: tolerance)
            out += arc.dropFirst().dropLast()
        }
    }
}
