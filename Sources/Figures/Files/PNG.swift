import CPNG

/// Reading and writing PNG files through libpng.
///
/// Writing takes 8-bit gray, gray+alpha, RGB or RGBA pixels; reading accepts every PNG colour
/// type and bit depth and converts to 8-bit samples (palette images become RGB or RGBA, 16-bit
/// samples are scaled). Files are written atomically. Errors name the file and what was wrong.
///
/// ```swift
/// try PNG.write(pixels: gray, width: 28, height: 28, format: .gray, to: "digit.png")
/// let image = try PNG.read("digit.png")
/// ```
public enum PNG {
    /// The layout of the samples of one pixel.
    public enum Format: Int, CaseIterable, Sendable {
        case gray = 1
        case grayAlpha = 2
        case rgb = 3
        case rgba = 4

        /// Samples per pixel.
        public var channels: Int { rawValue }
    }

    /// zlib level 3 with the "up" filter on every row: figures are mostly flat colour, where
    /// this is several times faster than libpng's defaults (level 6, adaptive filters) for
    /// files about 10% larger.
    static let compressionLevel: Int32 = 3
    static let filters = Int32(CPNG_FILTER_UP.rawValue)

    /// Encodes pixels (rows top to bottom, tightly packed) as PNG bytes.
    public static func encode(pixels: [UInt8], width: Int, height: Int, format: Format) throws -> [UInt8] {
        try encode(pixels: pixels, width: width, height: height, format: format, operation: "PNG.encode")
    }

    /// Writes pixels (rows top to bottom, tightly packed) to a PNG file, atomically.
    public static func write(pixels: [UInt8], width: Int, height: Int, format: Format, to path: String) throws {
        let bytes = try encode(pixels: pixels, width: width, height: height, format: format,
                               operation: "PNG.write '\(path)'")
        try AtomicFile.write(bytes, to: path, operation: "PNG.write")
    }

    /// Decodes PNG bytes; `name` identifies the data in error messages.
    public static func decode(_ bytes: [UInt8], name: String = "PNG data") throws -> PNGImage {
        var image = cpng_image()
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            cpng_decode(buffer.baseAddress, buffer.count, &image, &message, message.count)
        }
        guard status == CPNG_OK, let pixels = image.pixels else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw FigureError("PNG.read: cannot decode \(name): \(text)")
        }
        defer { cpng_free(pixels) }
        let count = Int(image.width) * Int(image.height) * Int(image.channels)
        return PNGImage(width: Int(image.width), height: Int(image.height), channels: Int(image.channels),
                        pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// Reads a PNG file of any colour type and bit depth as 8-bit samples.
    public static func read(_ path: String) throws -> PNGImage {
        let bytes = try AtomicFile.read(path, operation: "PNG.read")
        return try decode(bytes, name: "'\(path)'")
    }

    private static func encode(pixels: [UInt8], width: Int, height: Int, format: Format,
                               operation: String) throws -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw FigureError("\(operation): image size \(width)x\(height) is invalid (expected positive width and height)")
        }
        let expected = width * height * format.channels
        guard pixels.count == expected else {
            throw FigureError(
                "\(operation): \(pixels.count) samples do not fill a \(width)x\(height) \(format) image (expected \(expected))")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeBufferPointer { buffer in
            cpng_encode(buffer.baseAddress, UInt32(width), UInt32(height), UInt32(format.channels),
                        compressionLevel, filters, &output, &length, &message, message.count)
        }
        guard status == CPNG_OK, let output else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw FigureError("\(operation): libpng could not encode the image: \(text)")
        }
        defer { cpng_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }
}
