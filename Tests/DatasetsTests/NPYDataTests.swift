import Foundation
import Tensors
import Testing

@testable import Datasets

@Suite final class NPYDataTests {
    let folder: URL
    init() throws { folder = try temporaryFolder() }
    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes `values` of `shape` as an NPY file of `dtype` and returns its path.
    func npy(_ name: String, _ values: [Float], shape: [Int], dtype: NPYDType = .float32) throws -> String {
        try NPY.write(Tensor(shape: shape, scalars: values), path: path(name), dtype: dtype)
        return path(name)
    }

    /// Writes integer labels as an NPY vector of `dtype` and returns its path.
    func labels(_ name: String, _ values: [Int], dtype: NPYDType = .int64) throws -> String {
        try NPY.writeIntegers(values, shape: [values.count], path: path(name), dtype: dtype)
        return path(name)
    }

    /// Writes `text` to a file in the test folder and returns its path.
    func text(_ name: String, _ text: String) throws -> String {
        try write(Array(text.utf8), to: path(name))
        return path(name)
    }

    @Test func testNPYData_grayBytesScaleAndGetClassNames() throws {
        let images = try npy("images.train.npy", [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255], shape: [2, 2, 3], dtype: .uint8)
        let classes = try labels("labels.npy", [1, 0], dtype: .uint8)
        let data = try NPYData.readDataset(images: images, labels: classes, classNames: ["cat", "dog"])
        #expect(data.inputs.shape == [2, 1, 2, 3])
        let expected: [Float] = [0, 0.2, 0.4, 0.6, 0.8, 1, 1, 0, 0, 0, 0, 1]
        for (value, want) in zip(data.inputs.scalars, expected) { #expect(abs(value - want) < 1e-6) }
        #expect(data.labels == [1, 0])
        #expect(data.classNames == ["cat", "dog"])
        #expect(data.name == "images")
        #expect(data.provenance == "NPY images \(images), labels \(classes)")
    }

    @Test func testNPYData_channelsAndFeaturesKeepTheirValues() throws {
        let values: [Float] = [-1.5, 0, 2, 3.25, 4, 5, 6, 7, 8, 9, 10, 11]
        let images = try npy("rgb.npy", values, shape: [2, 3, 1, 2])
        let data = try NPYData.readDataset(images: images, labels: try labels("y.npy", [2, 0], dtype: .int32), name: "pairs")
        #expect(data.inputs.shape == [2, 3, 1, 2])
        #expect(data.inputs.scalars == values)
        #expect(data.classNames == ["0", "1", "2"])
        #expect(data.name == "pairs")
        let features = try NPYData.readImages(try npy("features.npy", values, shape: [4, 3], dtype: .float64))
        #expect(features.shape == [4, 3])
        #expect(features.scalars == values)
        let integers = try NPYData.readImages(try npy("ints.npy", [300, -2], shape: [1, 2], dtype: .int64))
        #expect(integers.scalars == [300, -2])
    }

    @Test func testNPYData_labelFilesOfEveryKind() throws {
        #expect(try NPYData.readLabels(try labels("i64.npy", [3, 0, 70000])) == [3, 0, 70000])
        #expect(try NPYData.readLabels(try npy("column.npy", [2, 1, 0], shape: [3, 1])) == [2, 1, 0])
        #expect(try NPYData.readLabels(try npy("doubles.npy", [4, 5], shape: [2], dtype: .float64)) == [4, 5])
        #expect(try NPYData.readLabels(try text("labels.txt", "3\n0\r\n\n  2 \n7.0\n")) == [3, 0, 2, 7])
        let packed = path("labels.npy.gz")
        try write([UInt8](try NPY.encodeIntegers([1, 2], shape: [2])), to: packed, gzip: true)
        #expect(try NPYData.readLabels(packed) == [1, 2])
        let images = path("images.npy.gz")
        try write([UInt8](try NPY.encode(Tensor(shape: [1, 2, 2], scalars: [0, 255, 51, 0]), dtype: .uint8)), to: images, gzip: true)
        #expect(try NPYData.readImages(images).scalars == [0, 1, 0.2, 0])
    }

    @Test func testNPYData_labelErrors() throws {
        let images = try npy("x.npy", [0, 1, 2, 3], shape: [2, 2])
        let three = try labels("three.npy", [0, 1, 1])
        #expect(throws: DatasetError("npy", "\(three) has 3 labels but \(images) has 2 samples (expected one label per sample)")) {
            try NPYData.readDataset(images: images, labels: three)
        }
        let negative = try labels("negative.npy", [0, -1], dtype: .int32)
        #expect(throws: DatasetError("npy", "\(negative): label -1 at index 1 is negative")) {
            try NPYData.readDataset(images: images, labels: negative)
        }
        let fractional = try npy("fractional.npy", [0, 1.5], shape: [2])
        #expect(throws: DatasetError("npy", "\(fractional): expected integers, but element 1 of the <f4 array is 1.5")) {
            try NPYData.readLabels(fractional)
        }
        let square = try npy("square.npy", [0, 1, 1, 0], shape: [2, 2])
        #expect(throws: DatasetError("npy", "\(square): expected labels of shape [N] or [N, 1], found [2, 2]")) {
            try NPYData.readLabels(square)
        }
        let words = try text("words.txt", "1\ncat\n")
        #expect(throws: DatasetError("npy", "\(words):2: label \"cat\" is not a whole number (expected one integer label per line)")) {
            try NPYData.readLabels(words)
        }
        let signed = try text("signed.txt", "1\n-4\n")
        #expect(throws: DatasetError("npy", "\(signed): label -4 at index 1 is negative")) { try NPYData.readLabels(signed) }
        let two = try labels("two.npy", [0, 2])
        #expect(throws: DatasetError("npy", "\(two): label 2 at index 1 has no class name (2 names given, expected labels in 0..<2)")) {
            try NPYData.readDataset(images: images, labels: two, classNames: ["a", "b"])
        }
        #expect(throws: DatasetError("npy", "\(path("none.npy")): no such file")) { try NPYData.readLabels(path("none.npy")) }
    }

    @Test func testNPYData_imageErrors() throws {
        let flat = try npy("flat.npy", [1, 2, 3], shape: [3])
        #expect(throws: DatasetError("npy", "\(flat): expected images N×H×W or N×C×H×W, or features N×D, found shape [3]")) {
            try NPYData.readImages(flat)
        }
        let deep = try npy("deep.npy", [1, 2], shape: [1, 1, 1, 1, 2])
        #expect(throws: DatasetError("npy", "\(deep): expected images N×H×W or N×C×H×W, or features N×D, found shape [1, 1, 1, 1, 2]")) {
            try NPYData.readImages(deep)
        }
        let empty = try npy("empty.npy", [], shape: [0, 3])
        #expect(throws: DatasetError("npy", "\(empty): shape [0, 3] has an empty axis (expected at least one sample of at least one value)")) {
            try NPYData.readImages(empty)
        }
        let infinite = try npy("infinite.npy", [0, .infinity], shape: [1, 2])
        #expect(throws: DatasetError("npy", "\(infinite): element 1 is inf (expected finite values)")) {
            try NPYData.readImages(infinite)
        }
        // Six float32 values need 24 bytes; two are cut off.
        let truncated = path("truncated.npy")
        let bytes = [UInt8](try NPY.encode(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])))
        try write(Array(bytes.dropLast(2)), to: truncated)
        #expect(throws: DatasetError("npy", "\(truncated): byte \(bytes.count - 24): expected 24 data bytes for shape [2, 3] of '<f4', found 22")) {
            try NPYData.readImages(truncated)
        }
        let int16 = path("int16.npy")
        try write(npyBytes(descr: "<i2", shape: "(2,)", data: [1, 0, 2, 0]), to: int16)
        #expect(throws: DatasetError("npy", "\(int16): byte 10: unsupported dtype '<i2': Recast reads '<f4', '<f8', '|u1', '<i4', '<i8' (and big-endian '>f4', '>f8', '>i4', '>i8')")) {
            try NPYData.readLabels(int16)
        }
        #expect(throws: DatasetError("npy", "\(path("none.npy")): no such file")) { try NPYData.readImages(path("none.npy")) }
    }

    /// The bytes of a version 1.0 NPY file with the given header fields, written by hand.
    func npyBytes(descr: String, shape: String, data: [UInt8]) -> [UInt8] {
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + data
    }
}
