import CZlib
import Foundation
import Tensors
import Testing

@testable import Datasets

/// A dataset whose sample `i` is the single feature `i`, with `counts[k]` samples of class `k`
/// interleaved (labels cycle through the classes that still have samples left).
func numberedDataset(counts: [Int], name: String = "numbers") throws -> Dataset {
    var remaining = counts
    var labels = [Int]()
    while remaining.contains(where: { $0 > 0 }) {
        for k in remaining.indices where remaining[k] > 0 {
            labels.append(k)
            remaining[k] -= 1
        }
    }
    return try Dataset(
        name: name, provenance: "test", inputs: Tensor(shape: [labels.count, 1], scalars: labels.indices.map(Float.init)),
        labels: labels, classNames: counts.indices.map { "c\($0)" })
}

/// The sample numbers (the single feature) of a numbered dataset.
func sampleNumbers(_ data: Dataset) -> [Int] { data.inputs.scalars.map { Int($0) } }

/// A fresh, empty temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `bytes` to `path`, gzip-compressed through zlib when `gzip` is set.
func write(_ bytes: [UInt8], to path: String, gzip: Bool = false) throws {
    guard gzip else {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return
    }
    let file = try #require(gzopen(path, "wb"))
    let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
    #expect(gzclose(file) == Z_OK)
    #expect(Int(written) == bytes.count)
}

/// An IDX file's bytes: magic, type code, dimensions, then the payload as given.
func idxBytes(type: UInt8 = 0x08, shape: [Int], payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
    for dimension in shape {
        bytes += [24, 16, 8, 0].map { UInt8((dimension >> $0) & 0xFF) }
    }
    return bytes + payload
}

/// The mean image of each class, as flat arrays.
func classMeans(_ data: Dataset) -> [[Float]] {
    let width = data.inputShape.product
    var sums = [[Float]](repeating: [Float](repeating: 0, count: width), count: data.classCount)
    for (i, label) in data.labels.enumerated() {
        for j in 0..<width { sums[label][j] += data.inputs.scalars[i * width + j] }
    }
    let counts = data.classCounts
    return sums.enumerated().map { k, sum in sum.map { $0 / Float(max(counts[k], 1)) } }
}

/// The Euclidean distance between two equally long arrays.
func distance(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
}
