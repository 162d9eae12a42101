import Foundation
import Tensors

/// Reads a dataset from numpy files: an images (or features) array in one `.npy` file and
/// integer labels in a second `.npy` file or a text file with one label per line. Either file may
/// be gzip-compressed (recognised by its magic bytes, whatever its name).
///
/// Images are `N×H×W` (gray, read as `N×1×H×W`) or `N×C×H×W`; flat features are `N×D`. Any
/// dtype the Tensors module's `NPY` reader accepts works; uint8 values are scaled to [0, 1]
/// (divided by 255), other types keep their values. Labels are non-negative integers: an integer
/// dtype, or floats that are all whole numbers.
///
/// ```swift
/// let data = try NPYData.readDataset(images: "x_test.npy", labels: "y_test.npy", classNames: ["cat", "dog"])
/// ```
public enum NPYData {
    /// The samples of an `.npy` file as an `N×C×H×W` (from `N×H×W` or `N×C×H×W`) or `N×D` tensor.
    /// - Throws: ``DatasetError`` naming the file when it is missing or malformed, has another
    ///   rank, an empty axis, or a value that is not finite.
    public static func readImages(_ path: String) throws -> Tensor {
        let array = try decode(DataFile.read(path, op: "npy"), path: path)
        let shape = array.shape
        guard (2...4).contains(shape.count) else {
            throw DatasetError(
                "npy", "\(path): expected images N×H×W or N×C×H×W, or features N×D, found shape \(shape)")
        }
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw DatasetError(
                "npy", "\(path): shape \(shape) has an empty axis (expected at least one sample of at least one value)")
        }
        var values = array.tensor().scalars
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError("npy", "\(path): element \(index) is \(values[index]) (expected finite values)")
        }
        if array.dtype == .uint8 { values = values.map { $0 / 255 } }
        let samples = shape.count == 3 ? [shape[0], 1, shape[1], shape[2]] : shape
        return try Tensor(shape: samples, scalars: values)
    }

    /// Class labels from an `.npy` file of shape `[N]` or `[N, 1]` (recognised by its magic
    /// bytes, whatever its name), or else from a text file (gzip detected) with one whole number
    /// per line; blank lines are skipped.
    /// - Throws: ``DatasetError`` naming the file (and the line of a text file) when it is missing
    ///   or malformed, or a label is not a non-negative whole number.
    public static func readLabels(_ path: String) throws -> [Int] {
        let bytes = try DataFile.read(path, op: "npy")
        let labels = bytes.starts(with: npyMagic) ? try npyLabels(bytes, path: path) : try textLabels(bytes, path: path)
        if let index = labels.firstIndex(where: { $0 < 0 }) {
            throw DatasetError("npy", "\(path): label \(labels[index]) at index \(index) is negative")
        }
        return labels
    }

    /// A dataset from an images file and a labels file.
    ///
    /// - Parameters:
    ///   - classNames: one name per class; by default classes are named `"0"` up to the largest
    ///     label.
    ///   - name: the dataset name; by default the images file name without extensions.
    /// - Throws: ``DatasetError`` naming the file at fault, or both files when their counts differ.
    public static func readDataset(
        images: String, labels: String, classNames: [String]? = nil, name: String? = nil
    ) throws -> Dataset {
        let inputs = try readImages(images)
        let classes = try readLabels(labels)
        guard classes.count == inputs.shape[0] else {
            throw DatasetError(
                "npy", "\(labels) has \(classes.count) labels but \(images) has \(inputs.shape[0]) samples "
                    + "(expected one label per sample)")
        }
        if let classNames, let index = classes.firstIndex(where: { $0 >= classNames.count }) {
            throw DatasetError(
                "npy", "\(labels): label \(classes[index]) at index \(index) has no class name "
                    + "(\(classNames.count) names given, expected labels in 0..<\(classNames.count))")
        }
        let fileName = URL(fileURLWithPath: images).lastPathComponent
        return try Dataset(
            name: name ?? String(fileName.prefix { $0 != "." }),
            provenance: "NPY images \(images), labels \(labels)", inputs: inputs, labels: classes,
            classNames: classNames)
    }

    /// The first bytes of every NPY file: `\x93NUMPY`.
    private static let npyMagic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// The array in the bytes of an NPY file, with the Tensors reader's errors under this
    /// reader's name.
    private static func decode(_ bytes: [UInt8], path: String) throws -> NPYArray {
        do {
            return try NPY.decode(Data(bytes), source: path)
        } catch let error as NPYError {
            throw DatasetError("npy", error.description)
        }
    }

    /// The labels of an NPY file: a vector, or a single column, of whole numbers.
    private static func npyLabels(_ bytes: [UInt8], path: String) throws -> [Int] {
        let array = try decode(bytes, path: path)
        guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[1] == 1) else {
            throw DatasetError("npy", "\(path): expected labels of shape [N] or [N, 1], found \(array.shape)")
        }
        do {
            return try array.integers()
        } catch let error as NPYError {
            throw DatasetError("npy", error.description)
        }
    }

    /// The labels of a text file, one whole number per non-blank line.
    private static func textLabels(_ bytes: [UInt8], path: String) throws -> [Int] {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var labels = [Int]()
        for (index, line) in lines.enumerated() {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            guard let label = Double(text).flatMap({ Int(exactly: $0) }) else {
                throw DatasetError(
                    "npy", "\(path):\(index + 1): label \"\(text)\" is not a whole number (expected one integer label per line)")
            }
            labels.append(label)
        }
        return labels
    }
}
