import Foundation
import Testing
@testable import Figures

@Suite struct PNGTests {
    @Test func testPNG_everyFormatRoundTrips() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        for format in PNG.Format.allCases {
            let width = 7, height = 5
            let pixels = (0..<(width * height * format.channels)).map { UInt8(($0 * 37 + 11) % 256) }
            let path = dir.file("\(format).png")
            try PNG.write(pixels: pixels, width: width, height: height, format: format, to: path)
            let image = try PNG.read(path)
            #expect(image.width == width)
            #expect(image.height == height)
            #expect(image.channels == format.channels)
            #expect(image.pixels == pixels)
        }
    }

    @Test func testPNG_writeIsAtomicAndReplaces() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        let path = dir.file("a.png")
        try PNG.write(pixels: [0], width: 1, height: 1, format: .gray, to: path)
        try PNG.write(pixels: [200, 100], width: 2, height: 1, format: .gray, to: path)
        #expect(try PNG.read(path).pixels == [200, 100])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["a.png"])
    }

    @Test func testPNG_encodingIsDeterministic() throws {
        let pixels = (0..<(64 * 64 * 3)).map { UInt8($0 % 251) }
        let a = try PNG.encode(pixels: pixels, width: 64, height: 64, format: .rgb)
        let b = try PNG.encode(pixels: pixels, width: 64, height: 64, format: .rgb)
        #expect(a == b)
    }

    @Test func testPNG_readsPalette() throws {
        let bytes = PNGBuilder.png(width: 3, height: 1, bitDepth: 8, colorType: 3, rows: [[0, 1, 2]],
                                   chunks: [("PLTE", [255, 0, 0, 0, 0, 255, 10, 20, 30])])
        let image = try PNG.decode(bytes)
        #expect(image.channels == 3)
        #expect(image.pixels == [255, 0, 0, 0, 0, 255, 10, 20, 30])
    }

    @Test func testPNG_readsPaletteTransparencyAsAlpha() throws {
        let bytes = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 3, rows: [[0, 1]],
                                   chunks: [("PLTE", [255, 0, 0, 0, 0, 255]), ("tRNS", [128])])
        let image = try PNG.decode(bytes)
        #expect(image.channels == 4)
        #expect(image.pixels == [255, 0, 0, 128, 0, 0, 255, 255])
    }

    @Test func testPNG_reads16BitScaledTo8() throws {
        let rgb = PNGBuilder.png(width: 1, height: 1, bitDepth: 16, colorType: 2, rows: [[0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00]])
        let image = try PNG.decode(rgb)
        #expect(image.channels == 3)
        #expect(image.pixels[0] == 255)
        #expect(abs(Int(image.pixels[1]) - 128) <= 1)
        #expect(image.pixels[2] == 0)

        let grayAlpha = PNGBuilder.png(width: 1, height: 1, bitDepth: 16, colorType: 4, rows: [[0x40, 0x00, 0xFF, 0xFF]])
        let ga = try PNG.decode(grayAlpha)
        #expect(ga.channels == 2)
        #expect(abs(Int(ga.pixels[0]) - 64) <= 1)
        #expect(ga.pixels[1] == 255)
    }

    @Test func testPNG_readsLowBitGrayExpanded() throws {
        let bytes = PNGBuilder.png(width: 8, height: 1, bitDepth: 1, colorType: 0, rows: [[0b1011_0000]])
        let image = try PNG.decode(bytes)
        #expect(image.channels == 1)
        #expect(image.pixels == [255, 0, 255, 255, 0, 0, 0, 0])
    }

    @Test func testPNG_readsGrayTransparencyAsAlpha() throws {
        let bytes = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 0, rows: [[7, 9]], chunks: [("tRNS", [0, 7])])
        let image = try PNG.decode(bytes)
        #expect(image.channels == 2)
        #expect(image.pixels == [7, 0, 9, 255])
    }

    @Test func testPNG_truncatedFileNamesFile() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        let whole = try PNG.encode(pixels: [UInt8](repeating: 90, count: 300), width: 10, height: 10, format: .rgb)
        let path = try dir.write(Array(whole.prefix(whole.count / 2)), to: "cut.png")
        let error = try #require(throws: FigureError.self) { try PNG.read(path) }
        #expect(error.message.contains(path))
        #expect(error.message.contains("truncated"))
    }

    @Test func testPNG_badCRCNamesFile() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        var bytes = PNGBuilder.png(width: 2, height: 2, bitDepth: 8, colorType: 0, rows: [[1, 2], [3, 4]])
        bytes[16] ^= 0x01  // inside IHDR's data: its CRC no longer matches
        let path = try dir.write(bytes, to: "crc.png")
        let error = try #require(throws: FigureError.self) { try PNG.read(path) }
        #expect(error.message.contains(path))
        #expect(error.message.contains("CRC"))
    }

    @Test func testPNG_notAPNGNamesFile() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        let path = try dir.write(Array("hello, world".utf8), to: "text.png")
        let error = try #require(throws: FigureError.self) { try PNG.read(path) }
        #expect(error.message.contains(path))
        #expect(error.message.contains("not a PNG"))
    }

    @Test func testPNG_absurdDimensionsAreRefused() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        let huge = PNGBuilder.png(width: 1_000_000, height: 1_000_000, bitDepth: 8, colorType: 0, rows: [[0]])
        let hugePath = try dir.write(huge, to: "huge.png")
        let error = try #require(throws: FigureError.self) { try PNG.read(hugePath) }
        #expect(error.message.contains(hugePath))
        #expect(error.message.contains("1000000 x 1000000"))

        let wide = PNGBuilder.png(width: 0x7FFF_FFFF, height: 1, bitDepth: 8, colorType: 0, rows: [[0]])
        let widePath = try dir.write(wide, to: "wide.png")
        let wideError = try #require(throws: FigureError.self) { try PNG.read(widePath) }
        #expect(wideError.message.contains(widePath))
        #expect(wideError.message.lowercased().contains("width"))
    }

    @Test func testPNG_missingFileNamesFile() throws {
        let error = try #require(throws: FigureError.self) { try PNG.read("/nonexistent/dir/x.png") }
        #expect(error.message.contains("/nonexistent/dir/x.png"))
        #expect(error.message.contains("No such file"))
    }

    @Test func testPNG_writeChecksPixelCount() throws {
        let error = try #require(throws: FigureError.self) {
            try PNG.write(pixels: [1, 2, 3], width: 2, height: 2, format: .gray, to: "/tmp/never-written.png")
        }
        #expect(error.message.contains("expected 4"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.png"))
    }

    @Test func testPNG_writeToMissingDirectoryNamesFile() throws {
        let error = try #require(throws: FigureError.self) {
            try PNG.write(pixels: [1], width: 1, height: 1, format: .gray, to: "/nonexistent/dir/out.png")
        }
        #expect(error.message.contains("/nonexistent/dir/out.png"))
    }
}
