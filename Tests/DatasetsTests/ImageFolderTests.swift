import Figures
import Foundation
import Testing

@testable import Datasets

@Suite final class ImageFolderTests {
    let root: URL
    init() throws { root = try temporaryFolder() }
    deinit { try? FileManager.default.removeItem(at: root) }

    /// The path of `relative` under the root folder.
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Makes the folder `relative` under the root (with its parents) and returns its path.
    @discardableResult func folder(_ relative: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
        return path(relative)
    }

    /// Writes a PNG at `relative` (its folder made as needed) and returns its path.
    @discardableResult func png(
        _ relative: String, _ pixels: [UInt8], width: Int, height: Int, format: PNG.Format = .gray
    ) throws -> String {
        try folder((relative as NSString).deletingLastPathComponent)
        try PNG.write(pixels: pixels, width: width, height: height, format: format, to: path(relative))
        return path(relative)
    }

    func expectValues(_ values: [Float], _ expected: [Float]) {
        #expect(values.count == expected.count)
        for (value, want) in zip(values, expected) { #expect(abs(value - want) < 1e-6, "\(values) vs \(expected)") }
    }

    @Test func testImageFolder_classesAndFilesInSortedOrder() throws {
        try png("pets/dog/b.png", [0, 51, 102, 153, 204, 255], width: 3, height: 2)
        try png("pets/dog/a.png", [255, 255, 255, 0, 0, 0], width: 3, height: 2)
        try png("pets/cat/z.png", [51, 51, 51, 51, 51, 51], width: 3, height: 2)
        // Hidden entries and files beside the class folders are not part of the data.
        try write([1, 2, 3], to: path("pets/cat/.DS_Store"))
        try folder("pets/.cache")
        try write(Array("notes".utf8), to: path("pets/README.txt"))
        let data = try ImageFolder.readDataset(path: path("pets"))
        #expect(data.classNames == ["cat", "dog"])
        #expect(data.labels == [0, 1, 1])
        #expect(data.inputs.shape == [3, 1, 2, 3])
        expectValues(data.inputs.scalars, [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1, 1, 1, 0, 0, 0, 0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(data.name == "pets")
        #expect(data.provenance == "image folder \(path("pets")), 1 channel")
    }

    @Test func testImageFolder_colourAndAlpha() throws {
        try png("mixed/a/gray.png", [0, 255], width: 2, height: 1)
        try png("mixed/b/rgba.png", [255, 0, 0, 10, 0, 51, 255, 255], width: 2, height: 1, format: .rgba)
        try png("mixed/b/shade.png", [102, 0, 102, 255], width: 2, height: 1, format: .grayAlpha)
        let rgb = try ImageFolder.readDataset(path: path("mixed"), name: "m")
        #expect(rgb.inputs.shape == [3, 3, 1, 2])
        expectValues(rgb.inputs.scalars, [
            0, 1, 0, 1, 0, 1,           // gray repeated over red, green, blue
            1, 0, 0, 0.2, 0, 1,         // alpha dropped
            0.4, 0.4, 0.4, 0.4, 0.4, 0.4,
        ])
        #expect(rgb.name == "m")
        #expect(rgb.provenance == "image folder \(path("mixed")), 3 channels")
        let gray = try ImageFolder.readDataset(path: path("mixed"), channels: 1)
        #expect(gray.inputs.shape == [3, 1, 1, 2])
        expectValues(gray.inputs.scalars, [0, 1, 0.299, 0.587 * 0.2 + 0.114, 0.4, 0.4])
    }

    @Test func testImageFolder_resizesToTheGivenSize() throws {
        // Columns 0, 50, 100, 150 over four rows; halving mixes neighbouring columns equally.
        try png("sizes/big/wide.png", [UInt8]((0..<4).flatMap { _ in [0, 50, 100, 150] }), width: 4, height: 4)
        try png("sizes/small/tiny.png", [10, 20, 30, 40], width: 2, height: 2)
        let data = try ImageFolder.readDataset(path: path("sizes"), size: (height: 2, width: 2))
        #expect(data.inputs.shape == [2, 1, 2, 2])
        expectValues(data.inputs.scalars, [25, 125, 25, 125, 10, 20, 30, 40].map { $0 / 255 })
        #expect(data.provenance == "image folder \(path("sizes")), resized to 2×2, 1 channel")
    }

    @Test func testImageFolder_folderErrors() throws {
        #expect(throws: DatasetError("image folder", "\(path("absent")): no such folder")) {
            try ImageFolder.readDataset(path: path("absent"))
        }
        try write([1], to: path("file"))
        #expect(throws: DatasetError("image folder", "\(path("file")): is a file, expected a folder")) {
            try ImageFolder.readDataset(path: path("file"))
        }
        try folder("bare")
        try write([1], to: path("bare/image.png"))
        #expect(throws: DatasetError("image folder", "\(path("bare")): no class subfolders (expected one subfolder of PNG files per class)")) {
            try ImageFolder.readDataset(path: path("bare"))
        }
        try png("gaps/a/1.png", [0], width: 1, height: 1)
        try folder("gaps/b")
        try write([1], to: path("gaps/b/.hidden"))
        #expect(throws: DatasetError("image folder", "\(path("gaps/b")): class 'b' is empty (expected at least one .png file)")) {
            try ImageFolder.readDataset(path: path("gaps"))
        }
        #expect(throws: DatasetError("image folder", "\(path("gaps")): channels must be 1 (gray) or 3 (RGB), got 2")) {
            try ImageFolder.readDataset(path: path("gaps"), channels: 2)
        }
        #expect(throws: DatasetError("image folder", "\(path("gaps")): size 0×5 is invalid (expected 1...1024 pixels on each side)")) {
            try ImageFolder.readDataset(path: path("gaps"), size: (0, 5))
        }
    }

    @Test func testImageFolder_fileErrors() throws {
        try png("odd/a/1.png", [0], width: 1, height: 1)
        try write(Array("label,value".utf8), to: path("odd/a/notes.csv"))
        #expect(throws: DatasetError("image folder", "\(path("odd/a/notes.csv")): not a PNG file (expected only .png files in the class folders)")) {
            try ImageFolder.readDataset(path: path("odd"))
        }
        try png("corrupt/a/1.png", [0], width: 1, height: 1)
        try write(Array("not really a png".utf8), to: path("corrupt/a/2.png"))
        #expect(throws: DatasetError("image folder", "PNG.read: cannot decode '\(path("corrupt/a/2.png"))': not a PNG file (the first 8 bytes are not the PNG signature)")) {
            try ImageFolder.readDataset(path: path("corrupt"))
        }
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path("corrupt/a/1.png"))))
        try write(Array(whole.prefix(40)), to: path("corrupt/a/2.png"))
        #expect(throws: DatasetError("image folder", "PNG.read: cannot decode '\(path("corrupt/a/2.png"))': unexpected end of data (the file is truncated)")) {
            try ImageFolder.readDataset(path: path("corrupt"))
        }
        try png("uneven/a/1.png", [0, 0, 0, 0], width: 2, height: 2)
        try png("uneven/b/1.png", [0, 0, 0, 0, 0, 0], width: 3, height: 2)
        #expect(throws: DatasetError("image folder", "\(path("uneven/b/1.png")) is 2×3 pixels but \(path("uneven/a/1.png")) is 2×2 (expected every image the same height×width, or a size to resize to)")) {
            try ImageFolder.readDataset(path: path("uneven"))
        }
        #expect(try ImageFolder.readDataset(path: path("uneven"), size: (2, 2)).inputs.shape == [2, 1, 2, 2])
    }
}
