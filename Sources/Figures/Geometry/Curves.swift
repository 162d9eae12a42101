import Foundation

/// Flattens curves into polylines fine enough that no point strays more than `tolerance` device
/// pixels from the true curve.
enum Curves {
    /// The default flatness, a tenth of a device pixel.
    static let tolerance = 0.1

    /// The number of straight pieces for a circular arc of `radius` sweeping `sweep` radians.
    static func segments(radius: Double, sweep: Double, tolerance: Double = tolerance) -> Int {
        guard radius > tolerance else { return max(1, Int((abs(sweep) / (Double.pi / 2)).rounded(.up))) }
        let step = 2 * acos(1 - tolerance / radius)
        return max(1, min(1024, Int((abs(sweep) / step).rounded(.up))))
    }

    /// Points on an ellipse from angle `start` sweeping `sweep` radians (positive sweeps go from
    /// +x towards +y), both ends included.
    static func arc(center: Point, radiusX: Double, radiusY: Double, start: Double, sweep: Double,
                    tolerance: Double = tolerance) -> [Point] {
        let n = segments(radius: max(radiusX, radiusY), sweep: sweep, tolerance: tolerance)
        return (0...n).map { i in
            let t = start + sweep * Double(i) / Double(n)
            return Point(center.x + radiusX * cos(t), center.y + radiusY * sin(t))
        }
    }

    /// A closed circle contour (first point not repeated) with the orientation of stroke
    /// outlines, so that it unites with them in one rasterizer. The polygon's corners sit a
    /// little outside the circle so that its area equals the circle's.
    static func circle(center: Point, radius: Double, tolerance: Double = tolerance) -> [Point] {
        let n = max(8, segments(radius: radius, sweep: 2 * Double.pi, tolerance: tolerance))
        let step = 2 * Double.pi / Double(n)
        let r = radius * (step / sin(step)).squareRoot()
        return (0..<n).map { i in
            let t = -step * Double(i)
            return Point(center.x + r * cos(t), center.y + r * sin(t))
        }
    }

    /// Points of a cubic Bézier from `p0` to `p3`, excluding `p0`.
    static func cubic(_ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point, tolerance: Double = tolerance) -> [Point] {
        // The control polygon's deviation bounds the curve's; pieces shrink it quadratically.
        let deviation = max((p1 - (p0 * (2.0 / 3) + p3 * (1.0 / 3))).length,
                            (p2 - (p0 * (1.0 / 3) + p3 * (2.0 / 3))).length)
        let n = max(1, min(256, Int((deviation / tolerance).squareRoot().rounded(.up))))
        return (1...n).map { i in
            let t = Double(i) / Double(n), u = 1 - t
            return p0 * (u * u * u) + p1 * (3 * u * u * t) + p2 * (3 * u * t * t) + p3 * (t * t * t)
        }
    }

    /// Twice the signed area of a closed contour (positive when it turns from +x towards +y).
    static func signedArea(_ points: [Point]) -> Double {
        guard var previous = points.last else { return 0 }
        var sum = 0.0
        for p in points {
            sum += previous.x * p.y - p.x * previous.y
            previous = p
        }
        return sum
    }
}
