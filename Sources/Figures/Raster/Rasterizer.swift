/// Turns closed contours into anti-aliased coverage over a box of device pixels.
///
/// Each edge adds its signed area to the cells it crosses; a running sum along each row then
/// gives the exact area of every pixel inside the contours (the approach of font-rs and
/// stb_truetype). The sum is the winding number integrated over the pixel, so with the magnitude
/// clamped to 1 overlapping contours of one orientation unite, as under the non-zero rule.
struct Rasterizer {
    /// The device pixels covered; coverage outside is never produced.
    let box: PixelBox
    /// Signed area per cell; each row has two spare cells for edges at the right border.
    private(set) var cells: [Float]

    var stride: Int { box.width + 2 }

    init(box: PixelBox) {
        self.box = box
        cells = [Float](repeating: 0, count: box.isEmpty ? 0 : (box.width + 2) * box.height)
    }

    /// Adds a closed contour (the last point connects back to the first).
    mutating func addContour(_ points: [Point]) {
        guard points.count >= 3, !box.isEmpty else { return }
        var previous = points[points.count - 1]
        for p in points {
            addEdge(previous, p)
            previous = p
        }
    }

    /// Adds one directed edge in device coordinates.
    mutating func addEdge(_ p: Point, _ q: Point) {
        var a = Point(p.x - Double(box.x0), p.y - Double(box.y0))
        var b = Point(q.x - Double(box.x0), q.y - Double(box.y0))
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite, a.y != b.y else { return }
        var direction = 1.0
        if a.y > b.y {
            swap(&a, &b)
            direction = -1
        }
        let h = Double(box.height)
        guard b.y > 0, a.y < h else { return }
        if a.y < 0 {
            a = Point(a.x + (b.x - a.x) * (0 - a.y) / (b.y - a.y), 0)
        }
        if b.y > h {
            b = Point(a.x + (b.x - a.x) * (h - a.y) / (b.y - a.y), h)
        }
        // Split where the edge crosses the left or right border, so that each piece lies on one
        // side: pieces left of the box act as if on its left border, pieces right of it do not
        // matter.
        let w = Double(box.width)
        var t1 = a.x == b.x ? 2 : (0 - a.x) / (b.x - a.x)
        var t2 = a.x == b.x ? 2 : (w - a.x) / (b.x - a.x)
        if t1 > t2 {
            swap(&t1, &t2)
        }
        var start = a
        for t in [t1, t2] where t > 0 && t < 1 {
            let cut = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
            addPiece(start, cut, direction, width: w)
            start = cut
        }
        addPiece(start, b, direction, width: w)
    }

    private mutating func addPiece(_ a: Point, _ b: Point, _ direction: Double, width w: Double) {
        if a.x >= w && b.x >= w {
            return
        }
        guard a.x.isFinite, b.x.isFinite, b.y - a.y > 1e-12 else { return }
        accumulate(Point(min(w, max(0, a.x)), a.y), Point(min(w, max(0, b.x)), b.y), direction)
    }

    /// Adds the area of an edge going down from `a` to `b`, both inside the box.
    private mutating func accumulate(_ a: Point, _ b: Point, _ direction: Double) {
        let dxdy = (b.x - a.x) / (b.y - a.y)
        var x = a.x
        let rowStartIndex = Int(a.y)
        let rowEnd = min(box.height, Int(b.y.rounded(.up)))
        let stride = self.stride
        let right = Double(box.width)
        cells.withUnsafeMutableBufferPointer { cells in
            for y in rowStartIndex..<rowEnd {
                let row = y * stride
                let dy = min(Double(y + 1), b.y) - max(Double(y), a.y)
                // Rounding must not carry x past the box edges the piece was clamped to.
                let xNext = min(right, max(0, x + dxdy * dy))
                let d = dy * direction
                let x0 = min(x, xNext), x1 = max(x, xNext)
                let x0Floor = x0.rounded(.down)
                let x0i = Int(x0Floor)
                let x1Ceil = x1.rounded(.up)
                let x1i = Int(x1Ceil)
                if x1i <= x0i + 1 {
                    // The piece stays within one column: split its area between that cell and the next.
                    let xmf = 0.5 * (x + xNext) - x0Floor
                    cells[row + x0i] += Float(d - d * xmf)
                    cells[row + x0i + 1] += Float(d * xmf)
                } else {
                    let s = 1 / (x1 - x0)
                    let x0f = x0 - x0Floor
                    let a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
                    let x1f = x1 - x1Ceil + 1
                    let am = 0.5 * s * x1f * x1f
                    cells[row + x0i] += Float(d * a0)
                    if x1i == x0i + 2 {
                        cells[row + x0i + 1] += Float(d * (1 - a0 - am))
                    } else {
                        let a1 = s * (1.5 - x0f)
                        cells[row + x0i + 1] += Float(d * (a1 - a0))
                        for xi in (x0i + 2)..<(x1i - 1) {
                            cells[row + xi] += Float(d * s)
                        }
                        let a2 = a1 + Double(x1i - x0i - 3) * s
                        cells[row + x1i - 1] += Float(d * (1 - a2 - am))
                    }
                    cells[row + x1i] += Float(d * am)
                }
                x = xNext
            }
        }
    }
}
