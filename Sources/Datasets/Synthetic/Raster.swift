/// An anti-aliased rasteriser for polylines and polygons on one single-channel image.
///
/// Shapes are given in pixel coordinates (x right, y down; pixel `(i, j)` has its centre at
/// `(i + 0.5, j + 0.5)`). Stamping a segment records, for the pixels near it, the distance from
/// their centre to the nearest segment so far; strokes and fills turn those distances into
/// coverage with a one-pixel ramp, which is what makes edges smooth.
struct Raster {
    let width: Int
    let height: Int
    /// Per pixel, the distance to the nearest stamped segment (infinity when none is near).
    private var distance: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        distance = [Float](repeating: .infinity, count: width * height)
    }

    /// Records the distance to segment `a`–`b` for every pixel within `reach` of it.
    mutating func stamp(_ a: SIMD2<Float>, _ b: SIMD2<Float>, reach: Float) {
        let x0 = max(Int((min(a.x, b.x) - reach).rounded(.down)), 0)
        let x1 = min(Int((max(a.x, b.x) + reach).rounded(.up)), width - 1)
        let y0 = max(Int((min(a.y, b.y) - reach).rounded(.down)), 0)
        let y1 = min(Int((max(a.y, b.y) + reach).rounded(.up)), height - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        let direction = b - a
        let lengthSquared = (direction * direction).sum()
        for y in y0...y1 {
            for x in x0...x1 {
                let p = SIMD2(Float(x) + 0.5, Float(y) + 0.5) - a
                let t = lengthSquared > 0 ? min(max((p * direction).sum() / lengthSquared, 0), 1) : 0
                let offset = p - t * direction
                let d = (offset * offset).sum().squareRoot()
                if d < distance[y * width + x] { distance[y * width + x] = d }
            }
        }
    }

    /// Records every segment of an open polyline.
    mutating func stamp(polyline points: [SIMD2<Float>], reach: Float) {
        for (a, b) in zip(points, points.dropFirst()) { stamp(a, b, reach: reach) }
    }

    /// Records every edge of a closed polygon.
    mutating func stamp(polygon points: [SIMD2<Float>], reach: Float) {
        stamp(polyline: points, reach: reach)
        if let first = points.first, let last = points.last { stamp(last, first, reach: reach) }
    }

    /// Paints `intensity` where a pixel centre lies within `halfWidth` of a stamped segment,
    /// keeping the brighter value where paint already is.
    func stroke(halfWidth: Float, intensity: Float, into pixels: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<(width * height) {
            let coverage = min(max(halfWidth + 0.5 - distance[i], 0), 1)
            pixels[i] = max(pixels[i], intensity * coverage)
        }
    }

    /// Paints `intensity` inside `polygons` (even-odd rule, so a polygon inside another makes a
    /// hole). The polygons' edges must have been stamped with a reach of at least one pixel.
    func fill(_ polygons: [[SIMD2<Float>]], intensity: Float, into pixels: UnsafeMutableBufferPointer<Float>) {
        var crossings = [Float]()
        for y in 0..<height {
            let centre = Float(y) + 0.5
            crossings.removeAll(keepingCapacity: true)
            for polygon in polygons {
                for (i, a) in polygon.enumerated() {
                    let b = polygon[(i + 1) % polygon.count]
                    if (a.y <= centre) != (b.y <= centre) {
                        crossings.append(a.x + (centre - a.y) / (b.y - a.y) * (b.x - a.x))
                    }
                }
            }
            crossings.sort()
            var inside = false
            var next = 0
            for x in 0..<width {
                let centreX = Float(x) + 0.5
                while next < crossings.count, crossings[next] <= centreX {
                    inside.toggle()
                    next += 1
                }
                let d = distance[y * width + x]
                let coverage = inside ? min(0.5 + d, 1) : max(0.5 - d, 0)
                pixels[y * width + x] = max(pixels[y * width + x], intensity * coverage)
            }
        }
    }
}
