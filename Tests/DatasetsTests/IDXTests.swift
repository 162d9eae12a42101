import Foundation
import Testing

@testable import Datasets

@Suite final class IDXTests {
    let folder: URL
    init() throws { folder = try temporaryFolder() }
    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Two 2×3 images (bytes 0...11 scaled) and their labels.
    func writePair(gzip: Bool) throws -> (images: String, labels: String) {
        let suffix = gzip ? ".gz" : ""
        try write(idxBytes(shape: [2, 2, 3], payload: [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255]),
                  to: path("images-idx3-ubyte" + suffix), gzip: gzip)
        try write(idxBytes(shape: [2], payload: [7, 2]), to: path("labels-idx1-ubyte" + suffix), gzip: gzip)
        return (path("images-idx3-ubyte" + suffix), path("labels-idx1-ubyte" + suffix))
    }

    @Test(arguments: [false, true]) func testIDX_readsRawAndGzip(gzip: Bool) throws {
        let files = try writePair(gzip: gzip)
        let data = try IDX.readDataset(images: files.images, labels: files.labels)
        #expect(data.inputs.shape == [2, 1, 2, 3])
        let expected: [Float] = [0, 0.2, 0.4, 0.6, 0.8, 1, 1, 0, 0, 0, 0, 1]
        for (value, want) in zip(data.inputs.scalars, expected) { #expect(abs(value - want) < 1e-6) }
        #expect(data.labels == [7, 2])
        #expect(data.classNames == (0...7).map(String.init))
        #expect(data.name == "images-idx3-ubyte")
        #expect(data.provenance == "IDX images \(files.images), labels \(files.labels)")
    }

    @Test func testIDX_otherValueTypes() throws {
        // int16 big-endian: -2 and 300; float32 big-endian: 1.5.
        try write(idxBytes(type: 0x0B, shape: [1, 1, 2], payload: [0xFF, 0xFE, 0x01, 0x2C]), to: path("short"))
        #expect(try IDX.readImages(path("short")).scalars == [-2, 300])
        try write(idxBytes(type: 0x0D, shape: [1, 1, 1], payload: [0x3F, 0xC0, 0, 0]), to: path("float"))
        #expect(try IDX.readImages(path("float")).scalars == [1.5])
        try write(idxBytes(type: 0x0C, shape: [2], payload: [0, 0, 0, 3, 0, 0, 1, 0]), to: path("int-labels"))
        #expect(try IDX.readLabels(path("int-labels")) == [3, 256])
    }

    @Test func testIDX_malformed() throws {
        let images = path("bad-images")
        try write([0x12, 0x34, 0x08, 0x03, 0, 0], to: images)
        #expect(throws: DatasetError("idx", "\(images): wrong magic number 0x12340803 (an IDX file starts with 00 00, a type code among 08 09 0B 0C 0D 0E, and a dimension count of at least 1)")) {
            try IDX.readImages(images)
        }
        try write([0, 0, 0x08], to: images)
        #expect(throws: DatasetError("idx", "\(images): truncated: an IDX header needs at least 4 bytes, the file has 3")) {
            try IDX.readImages(images)
        }
        try write([0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0], to: images)
        #expect(throws: DatasetError("idx", "\(images): truncated: the header of 3 dimensions needs 16 bytes, the file has 10")) {
            try IDX.readImages(images)
        }
        try write(idxBytes(shape: [2, 2, 3], payload: [UInt8](repeating: 1, count: 11)), to: images)
        #expect(throws: DatasetError("idx", "\(images): dimensions [2, 2, 3] of unsigned byte need 12 data bytes after the 16-byte header, found 11 (truncated file?)")) {
            try IDX.readImages(images)
        }
        try write(idxBytes(shape: [2, 2, 3], payload: [UInt8](repeating: 1, count: 13)), to: images)
        #expect(throws: DatasetError("idx", "\(images): dimensions [2, 2, 3] of unsigned byte need 12 data bytes after the 16-byte header, found 13 (trailing bytes)")) {
            try IDX.readImages(images)
        }
        try write(idxBytes(shape: [6], payload: [UInt8](repeating: 1, count: 6)), to: images)
        #expect(throws: DatasetError("idx", "\(images): expected 3 dimensions (images, rows, columns), found 1 [6]")) {
            try IDX.readImages(images)
        }
        let labels = path("bad-labels")
        try write(idxBytes(type: 0x0D, shape: [1], payload: [0, 0, 0, 0]), to: labels)
        #expect(throws: DatasetError("idx", "\(labels): labels must be integers, found float32 values")) {
            try IDX.readLabels(labels)
        }
        try write(idxBytes(type: 0x09, shape: [2], payload: [1, 0xFF]), to: labels)
        #expect(throws: DatasetError("idx", "\(labels): label -1 at index 1 is negative")) {
            try IDX.readLabels(labels)
        }
        try write([0, 0, 0x08, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1], to: images)
        #expect(throws: DatasetError.self) { try IDX.readImages(images) }
    }

    @Test func testIDX_countMismatch() throws {
        let files = try writePair(gzip: false)
        try write(idxBytes(shape: [3], payload: [1, 2, 3]), to: files.labels)
        #expect(throws: DatasetError("idx", "\(files.labels) has 3 labels but \(files.images) has 2 images (expected one label per image)")) {
            try IDX.readDataset(images: files.images, labels: files.labels)
        }
    }

    @Test func testIDX_missingAndCorruptFiles() throws {
        #expect(throws: DatasetError("idx", "\(path("nothing")): no such file")) { try IDX.readImages(path("nothing")) }
        let files = try writePair(gzip: true)
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: files.images)))
        // Without its 8-byte trailer (checksum and length) the stream has all data but no end.
        try write(Array(compressed.prefix(compressed.count - 8)), to: files.images)
        #expect(throws: DatasetError("idx", "\(files.images): truncated gzip data (the compressed stream ends early, after 28 decompressed bytes)")) {
            try IDX.readImages(files.images)
        }
        var corrupt = compressed
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        try write(corrupt, to: files.images)
        #expect(throws: DatasetError.self) { try IDX.readImages(files.images) }
        do {
            _ = try IDX.readImages(files.images)
        } catch let error as DatasetError {
            #expect(error.message.hasPrefix("\(files.images): "))
        }
    }
}
