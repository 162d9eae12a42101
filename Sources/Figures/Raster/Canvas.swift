/// An RGBA raster to draw on, in device pixels (origin top left, y down).
///
/// Drawing is anti-aliased by exact pixel coverage and composited with source-over alpha
/// blending; samples are kept as premultiplied floats so that repeated blending does not drift.
/// Everything is clipped to `clip`.
///
/// ```swift
/// var canvas = Canvas(width: 200, height: 100, background: .white)
/// canvas.strokePolyline([Point(10, 90), Point(190, 10)], width: 2, color: Palette.color(0))
/// try canvas.savePNG("line.png")
/// ```
public struct Canvas: Sendable {
    /// Width in device pixels.
    public let width: Int
    /// Height in device pixels.
    public let height: Int
    /// Premultiplied red, green, blue, alpha per pixel, row by row.
    private(set) var samples: [Float]
    /// The part of the canvas that drawing may change, in device pixels.
    public var clip: Rect {
        didSet { clipBox = PixelBox(covering: clip).intersection(fullBox) }
    }
    private(set) var clipBox: PixelBox

    private var fullBox: PixelBox { PixelBox(x0: 0, y0: 0, x1: width, y1: height) }

    /// Creates a canvas filled with `background`; sizes below 1 become 1.
    public init(width: Int, height: Int, background: Color = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        let a = Float(background.alpha)
        let pixel = [Float(background.red) * a, Float(background.green) * a, Float(background.blue) * a, a]
        let count = self.width * self.height
        samples = [Float](unsafeUninitializedCapacity: count * 4) { buffer, initialized in
            for i in 0..<count {
                buffer[4 * i] = pixel[0]
                buffer[4 * i + 1] = pixel[1]
                buffer[4 * i + 2] = pixel[2]
                buffer[4 * i + 3] = pixel[3]
            }
            initialized = count * 4
        }
        clip = Rect(x: 0, y: 0, width: Double(self.width), height: Double(self.height))
        clipBox = PixelBox(x0: 0, y0: 0, x1: self.width, y1: self.height)
    }

    // MARK: - Reading

    /// The colour of the pixel at column `x`, row `y` (straight alpha), or nil outside.
    public func color(x: Int, y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = 4 * (y * width + x)
        let a = samples[i + 3]
        guard a > 0 else { return .clear }
        return Color(red: Double(samples[i] / a), green: Double(samples[i + 1] / a),
                     blue: Double(samples[i + 2] / a), alpha: Double(a))
    }

    /// Whether every pixel is fully opaque, so the alpha channel can be left out of a file.
    public var isOpaque: Bool {
        var i = 3
        while i < samples.count {
            if samples[i] < 1 {
                return false
            }
            i += 4
        }
        return true
    }

    /// The pixels as 8-bit samples with straight alpha: RGB when `alpha` is false, else RGBA.
    public func bytes(alpha: Bool) -> [UInt8] {
        let channels = alpha ? 4 : 3
        var out = [UInt8](repeating: 0, count: width * height * channels)
        samples.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<(width * height) {
                    let a = s[4 * i + 3]
                    // Opaque pixels, the usual case, need no division.
                    let scale: Float = a >= 1 ? 255 : (a > 0 ? 255 / a : 0)
                    for c in 0..<3 {
                        o[channels * i + c] = UInt8(min(255, max(0, s[4 * i + c] * scale + 0.5)))
                    }
                    if alpha {
                        o[channels * i + 3] = UInt8(min(255, max(0, a * 255 + 0.5)))
                    }
                }
            }
        }
        return out
    }

    /// Encodes the canvas as PNG bytes (RGB when opaque, else RGBA).
    public func pngBytes() throws -> [UInt8] {
        let opaque = isOpaque
        return try PNG.encode(pixels: bytes(alpha: !opaque), width: width, height: height, format: opaque ? .rgb : .rgba)
    }

    /// Writes the canvas to a PNG file, atomically (RGB when opaque, else RGBA).
    public func savePNG(_ path: String) throws {
        let opaque = isOpaque
        try PNG.write(pixels: bytes(alpha: !opaque), width: width, height: height, format: opaque ? .rgb : .rgba, to: path)
    }

    // MARK: - Compositing

    /// Blends `color` over every pixel with the coverage the rasterizer computed.
    mutating func fill(_ raster: Rasterizer, color: Color) {
        let box = raster.box.intersection(clipBox)
        guard !box.isEmpty, color.alpha > 0 else { return }
        let source = Premultiplied(color)
        let stride = raster.stride
        let offsetX = box.x0 - raster.box.x0
        let width = self.width
        raster.cells.withUnsafeBufferPointer { cells in
            samples.withUnsafeMutableBufferPointer { s in
                for y in box.y0..<box.y1 {
                    let row = (y - raster.box.y0) * stride
                    var accumulated: Float = 0
                    // The running sum must start at the rasterizer's first column.
                    for x in 0..<offsetX {
                        accumulated += cells[row + x]
                    }
                    for x in box.x0..<box.x1 {
                        accumulated += cells[row + x - raster.box.x0]
                        let coverage = min(1, abs(accumulated))
                        if coverage > 1.0 / 1024 {
                            source.blend(into: s, at: 4 * (y * width + x), coverage: coverage)
                        }
                    }
                }
            }
        }
    }

    // MARK: - Shapes

    /// Fills the union of the contours (device coordinates) with `color`.
    mutating func fill(contours: [[Point]], color: Color) {
        guard let bounds = Rect.bounding(contours.flatMap { $0 }) else { return }
        var raster = Rasterizer(box: PixelBox(covering: bounds).intersection(clipBox))
        for contour in contours {
            raster.addContour(contour)
        }
        fill(raster, color: color)
    }

    /// Fills a polygon (device coordinates) under the non-zero rule.
    public mutating func fillPolygon(_ points: [Point], color: Color) {
        fill(contours: [points], color: color)
    }

    /// Strokes a polyline (device coordinates); `dash` lists on and off lengths.
    public mutating func strokePolyline(_ points: [Point], width: Double, color: Color, cap: LineCap = .butt,
                                        join: LineJoin = .round, dash: [Double] = [], closed: Bool = false) {
        var pieces = [points]
        if !dash.isEmpty {
            pieces = Stroker.dashes(closed && points.count > 2 ? points + [points[0]] : points, pattern: dash)
        }
        let contours = pieces.flatMap {
            Stroker.outline($0, width: width, cap: cap, join: join, closed: closed && dash.isEmpty)
        }
        fill(contours: contours, color: color)
    }

    /// Fills an axis-aligned rectangle, with exact coverage at fractional edges.
    public mutating func fillRect(_ rect: Rect, color: Color) {
        let box = PixelBox(covering: rect).intersection(clipBox)
        guard !box.isEmpty, color.alpha > 0 else { return }
        let source = Premultiplied(color)
        let width = self.width
        samples.withUnsafeMutableBufferPointer { s in
            for y in box.y0..<box.y1 {
                let cy = Self.overlap(rect.minY, rect.maxY, y)
                for x in box.x0..<box.x1 {
                    let coverage = cy * Self.overlap(rect.minX, rect.maxX, x)
                    if coverage > 1.0 / 1024 {
                        source.blend(into: s, at: 4 * (y * width + x), coverage: coverage)
                    }
                }
            }
        }
    }

    /// Fills a circle.
    public mutating func fillCircle(center: Point, radius: Double, color: Color) {
        fill(contours: [Curves.circle(center: center, radius: radius)], color: color)
    }

    /// Draws `text` in the figure font with its anchor at `point` (device pixels), turned
    /// `rotation` degrees counterclockwise (90 reads bottom to top, as y-axis labels do).
    public mutating func drawText(_ text: String, at point: Point, size: Double, color: Color,
                                  anchor: TextAnchor = .start, baseline: TextBaseline = .alphabetic,
                                  rotation: Double = 0) {
        let contours = Font.contours(text, size: size, at: point, alignment: anchor, baseline: baseline,
                                     rotation: rotation)
        fill(contours: contours, color: color)
    }

    /// Draws an image of `imageWidth` x `imageHeight` RGBA8 pixels (straight alpha) stretched
    /// over `rect` with nearest-neighbour sampling, so every image pixel stays a crisp block.
    public mutating func drawImage(rgba: [UInt8], imageWidth: Int, imageHeight: Int, in rect: Rect) {
        guard imageWidth > 0, imageHeight > 0, rgba.count == imageWidth * imageHeight * 4,
              rect.width > 0, rect.height > 0 else { return }
        let box = PixelBox(covering: rect).intersection(clipBox)
        guard !box.isEmpty else { return }
        let colors = (0..<(imageWidth * imageHeight)).map {
            Premultiplied(Color(bytes: rgba[4 * $0], rgba[4 * $0 + 1], rgba[4 * $0 + 2], rgba[4 * $0 + 3]))
        }
        let columns = (box.x0..<box.x1).map { x in
            min(imageWidth - 1, max(0, Int(((Double(x) + 0.5 - rect.minX) / rect.width * Double(imageWidth)).rounded(.down))))
        }
        let columnCoverage = (box.x0..<box.x1).map { Self.overlap(rect.minX, rect.maxX, $0) }
        let width = self.width
        samples.withUnsafeMutableBufferPointer { s in
            for y in box.y0..<box.y1 {
                let cy = Self.overlap(rect.minY, rect.maxY, y)
                let row = min(imageHeight - 1, max(0, Int(((Double(y) + 0.5 - rect.minY) / rect.height * Double(imageHeight)).rounded(.down))))
                for x in box.x0..<box.x1 {
                    let coverage = cy * columnCoverage[x - box.x0]
                    let source = colors[row * imageWidth + columns[x - box.x0]]
                    let i = 4 * (y * width + x)
                    if coverage >= 1 && source.a >= 1 {
                        // An opaque source over a whole pixel simply replaces it.
                        s[i] = source.r
                        s[i + 1] = source.g
                        s[i + 2] = source.b
                        s[i + 3] = 1
                    } else if coverage > 1.0 / 1024 && source.a > 0 {
                        source.blend(into: s, at: i, coverage: coverage)
                    }
                }
            }
        }
    }

    /// How much of pixel `i` (covering i..<i+1) lies between `low` and `high`.
    private static func overlap(_ low: Double, _ high: Double, _ i: Int) -> Float {
        Float(max(0, min(high, Double(i + 1)) - max(low, Double(i))))
    }
}

/// A colour premultiplied by its alpha, ready for source-over blending.
struct Premultiplied {
    let r: Float, g: Float, b: Float, a: Float

    init(_ color: Color) {
        a = Float(color.alpha)
        r = Float(color.red) * a
        g = Float(color.green) * a
        b = Float(color.blue) * a
    }

    /// Source-over: result = source * coverage + destination * (1 - alpha * coverage).
    @inline(__always)
    func blend(into s: UnsafeMutableBufferPointer<Float>, at i: Int, coverage: Float) {
        let keep = 1 - a * coverage
        s[i] = r * coverage + s[i] * keep
        s[i + 1] = g * coverage + s[i + 1] * keep
        s[i + 2] = b * coverage + s[i + 2] * keep
        s[i + 3] = a * coverage + s[i + 3] * keep
    }
}
