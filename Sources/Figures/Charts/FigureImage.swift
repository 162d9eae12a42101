/// An image to show in a panel: `height` x `width` pixels of `channels` values each, row-major
/// and channel-last (the layout of a `[H, W, C]` tensor). One channel is colour-mapped; three or
/// four are RGB or RGBA.
public struct FigureImage: Sendable {
    /// The values, row-major and channel-last.
    public let pixels: [Float]
    /// Rows of pixels.
    public let height: Int
    /// Pixels per row.
    public let width: Int
    /// Values per pixel: 1, 3 or 4.
    public let channels: Int

    /// Checks that the pixels fill the image; `caller` names the call in errors.
    public init(pixels: [Float], height: Int, width: Int, channels: Int = 1, caller: String = "FigureImage") throws {
        guard height > 0, width > 0 else {
            throw FigureError("\(caller): image size \(height)x\(width) is invalid (expected positive height and width)")
        }
        guard [1, 3, 4].contains(channels) else {
            throw FigureError("\(caller): \(channels) channels are not supported (expected 1 for colour-mapped, 3 for RGB or 4 for RGBA)")
        }
        let (count, overflow) = height.multipliedReportingOverflow(by: width * channels)
        guard !overflow, pixels.count == count else {
            throw FigureError(
                "\(caller): \(pixels.count) values do not fill a \(height)x\(width)x\(channels) image (expected \(height * width * channels))")
        }
        self.pixels = pixels
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// An image whose caller has already checked that the pixels fill it.
    init(checked pixels: [Float], height: Int, width: Int, channels: Int) {
        self.pixels = pixels
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// The image alone, without axes, as PNG bytes: colour-mapped as a panel shows it (see
    /// `Panel.image`), each pixel enlarged to `scale` x `scale` (nearest neighbour). Opaque
    /// images are written as RGB, others as RGBA.
    public func pngBytes(cmap: ColorMap = .gray, range: ClosedRange<Double>? = nil, scale: Int = 1) throws -> [UInt8] {
        guard scale >= 1, Double(width * scale) * Double(height * scale) <= Figure.maxPixels else {
            throw FigureError("FigureImage.png: scale \(scale) for a \(height)x\(width) image is invalid (expected at least 1, giving at most \(Int(Figure.maxPixels)) pixels)")
        }
        if let range, !(range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound) {
            throw FigureError("FigureImage.png: range \(range) is invalid (expected finite bounds with lower < upper)")
        }
        let source = rgba(cmap: cmap, range: range ?? ImageLayout.defaultRange(for: [self], cmap: cmap))
        let opaque = stride(from: 3, to: source.count, by: 4).allSatisfy { source[$0] == 255 }
        let channels = opaque ? 3 : 4
        let w = width * scale, h = height * scale
        var out = [UInt8](repeating: 0, count: w * h * channels)
        for y in 0..<h {
            for x in 0..<w {
                let from = ((y / scale) * width + x / scale) * 4, to = (y * w + x) * channels
                for c in 0..<channels {
                    out[to + c] = source[from + c]
                }
            }
        }
        return try PNG.encode(pixels: out, width: w, height: h, format: opaque ? .rgb : .rgba)
    }

    /// Writes the image alone as a PNG file, atomically; see `pngBytes(cmap:range:scale:)`.
    public func savePNG(_ path: String, cmap: ColorMap = .gray, range: ClosedRange<Double>? = nil, scale: Int = 1) throws {
        try AtomicFile.write(pngBytes(cmap: cmap, range: range, scale: scale), to: path, operation: "FigureImage.savePNG")
    }

    /// The smallest and largest finite values, or nil when there are none.
    var finiteExtremes: (Double, Double)? {
        var low = Float.infinity, high = -Float.infinity
        for v in pixels where v.isFinite {
            low = min(low, v)
            high = max(high, v)
        }
        return low <= high ? (Double(low), Double(high)) : nil
    }

    /// RGBA8 pixels: one channel through `cmap` over `range`, colour channels scaled from
    /// `range` to 0...255. Non-finite values are transparent.
    func rgba(cmap: ColorMap, range: ClosedRange<Double>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 4)
        let low = range.lowerBound, span = range.upperBound - range.lowerBound
        func byte(_ v: Float) -> UInt8 {
            let t = span > 0 ? (Double(v) - low) / span : 0.5
            return UInt8((min(1, max(0, t)) * 255).rounded())
        }
        for i in 0..<(width * height) {
            let base = i * channels
            if channels == 1 {
                let v = pixels[base]
                guard v.isFinite else { continue }
                let c = cmap.color(for: Double(v), in: range)
                out[4 * i] = c.byte(c.red)
                out[4 * i + 1] = c.byte(c.green)
                out[4 * i + 2] = c.byte(c.blue)
                out[4 * i + 3] = c.byte(c.alpha)
            } else {
                let values = pixels[base..<(base + channels)]
                guard values.allSatisfy({ $0.isFinite }) else { continue }
                for k in 0..<3 {
                    out[4 * i + k] = byte(pixels[base + k])
                }
                out[4 * i + 3] = channels == 4 ? UInt8((min(1, max(0, Double(pixels[base + 3]))) * 255).rounded()) : 255
            }
        }
        return out
    }
}
