/// A decoded PNG: 8-bit samples, rows top to bottom, `channels` samples per pixel
/// (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA).
public struct PNGImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Samples per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.
    public let channels: Int
    /// The samples, row by row.
    public let pixels: [UInt8]

    /// The samples of the pixel at column `x`, row `y`, or nil outside the image.
    public func pixel(x: Int, y: Int) -> [UInt8]? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let start = (y * width + x) * channels
        return Array(pixels[start..<start + channels])
    }

    /// The pixel at column `x`, row `y` as a colour (gray expanded, missing alpha opaque),
    /// or nil outside the image.
    public func color(x: Int, y: Int) -> Color? {
        guard let p = pixel(x: x, y: y) else { return nil }
        switch p.count {
        case 1: return Color(bytes: p[0], p[0], p[0])
        case 2: return Color(bytes: p[0], p[0], p[0], p[1])
        case 3: return Color(bytes: p[0], p[1], p[2])
        default: return Color(bytes: p[0], p[1], p[2], p[3])
        }
    }
}
