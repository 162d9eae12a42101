import Foundation
import Tensors

/// Reads the IDX format of the MNIST family (raw, or gzip-compressed `.gz`).
///
/// An IDX file is two zero bytes, a type code (0x08 unsigned byte, 0x09 signed byte, 0x0B
/// int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, each dimension as
/// a big-endian 32-bit count, then the values, big-endian, row-major.
///
/// ```swift
/// let mnist = try IDX.readDataset(
///     images: "data/mnist/t10k-images-idx3-ubyte.gz", labels: "data/mnist/t10k-labels-idx1-ubyte.gz")
/// ```
public enum IDX {
    /// Images from an IDX file of dimensions (count, rows, columns), as an `N×1×H×W` tensor.
    /// Unsigned bytes are scaled to [0, 1] (divided by 255); other types keep their values.
    /// - Throws: ``DatasetError`` naming the file when it is missing or malformed, or its
    ///   values are not three-dimensional.
    public static func readImages(_ path: String) throws -> Tensor {
        let array = try read(path)
        guard array.shape.count == 3 else {
            throw DatasetError(
                "idx", "\(path): expected 3 dimensions (images, rows, columns), found \(array.shape.count) \(array.shape)")
        }
        let values = array.type == .ubyte ? array.values.map { $0 / 255 } : array.values
        return try Tensor(shape: [array.shape[0], 1, array.shape[1], array.shape[2]], scalars: values)
    }

    /// Class labels from a one-dimensional IDX file of integers.
    /// - Throws: ``DatasetError`` naming the file when it is missing or malformed, not
    ///   one-dimensional, not of an integer type, or holds a negative label.
    public static func readLabels(_ path: String) throws -> [Int] {
        let array = try read(path)
        guard array.shape.count == 1 else {
            throw DatasetError(
                "idx", "\(path): expected 1 dimension for labels, found \(array.shape.count) \(array.shape)")
        }
        guard array.type.isInteger else {
            throw DatasetError("idx", "\(path): labels must be integers, found \(array.type) values")
        }
        if let index = array.values.firstIndex(where: { $0 < 0 }) {
            throw DatasetError("idx", "\(path): label \(Int(array.values[index])) at index \(index) is negative")
        }
        return array.values.map { Int($0) }
    }

    /// A dataset from an images file and a labels file; classes are named `"0"` up to the
    /// largest label.
    ///
    /// - Parameter name: the dataset name; by default the images file name without extensions.
    /// - Throws: ``DatasetError`` naming the file at fault, or both files when their counts differ.
    public static func readDataset(images: String, labels: String, name: String? = nil) throws -> Dataset {
        let inputs = try readImages(images)
        let classes = try readLabels(labels)
        guard classes.count == inputs.shape[0] else {
            throw DatasetError(
                "idx", "\(labels) has \(classes.count) labels but \(images) has \(inputs.shape[0]) images "
                    + "(expected one label per image)")
        }
        let fileName = URL(fileURLWithPath: images).lastPathComponent
        return try Dataset(
            name: name ?? String(fileName.prefix { $0 != "." }),
            provenance: "IDX images \(images), labels \(labels)", inputs: inputs, labels: classes)
    }

    /// The value types an IDX file can hold, by type code.
    enum ValueType: UInt8, CustomStringConvertible {
        case ubyte = 0x08, byte = 0x09, int16 = 0x0B, int32 = 0x0C, float32 = 0x0D, float64 = 0x0E

        var size: Int {
            switch self {
            case .ubyte, .byte: 1
            case .int16: 2
            case .int32, .float32: 4
            case .float64: 8
            }
        }

        var isInteger: Bool { self != .float32 && self != .float64 }

        var description: String {
            switch self {
            case .ubyte: "unsigned byte"
            case .byte: "signed byte"
            case .int16: "int16"
            case .int32: "int32"
            case .float32: "float32"
            case .float64: "float64"
            }
        }
    }

    /// The dimensions, type and values of an IDX file.
    static func read(_ path: String) throws -> (shape: [Int], type: ValueType, values: [Float]) {
        let bytes = try DataFile.read(path, op: "idx")
        func fail(_ message: String) -> DatasetError { DatasetError("idx", "\(path): \(message)") }
        guard bytes.count >= 4 else {
            throw fail("truncated: an IDX header needs at least 4 bytes, the file has \(bytes.count)")
        }
        guard bytes[0] == 0, bytes[1] == 0, let type = ValueType(rawValue: bytes[2]), bytes[3] > 0 else {
            let magic = bytes[0..<4].map { String(format: "%02X", $0) }.joined()
            throw fail(
                "wrong magic number 0x\(magic) (an IDX file starts with 00 00, a type code among "
                    + "08 09 0B 0C 0D 0E, and a dimension count of at least 1)")
        }
        let rank = Int(bytes[3])
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw fail("truncated: the header of \(rank) dimensions needs \(headerSize) bytes, the file has \(bytes.count)")
        }
        let shape = (0..<rank).map { Int(bigEndian: bytes, at: 4 + 4 * $0, size: 4) }
        // Products are checked for overflow: the dimensions come straight from the file.
        var needed: Int? = type.size
        for dimension in shape {
            let (product, overflow) = (needed ?? 0).multipliedReportingOverflow(by: dimension)
            needed = overflow || needed == nil ? nil : product
        }
        let dataSize = bytes.count - headerSize
        guard let needed, needed == dataSize else {
            let expected = needed.map { "\($0) data bytes" } ?? "more data bytes than fit in memory"
            throw fail(
                "dimensions \(shape) of \(type) need \(expected) after the \(headerSize)-byte header, "
                    + "found \(dataSize)" + (needed.map { $0 < dataSize } == true ? " (trailing bytes)" : " (truncated file?)"))
        }
        let count = needed / type.size
        let values = bytes.withUnsafeBufferPointer { buffer in
            // Bytes, the common case, skip the per-value dispatch.
            type == .ubyte
                ? buffer[headerSize...].map { Float($0) }
                : (0..<count).map { decode(type, buffer, at: headerSize + $0 * type.size) }
        }
        return (shape, type, values)
    }

    /// One big-endian value of `type` at byte `offset`.
    private static func decode(_ type: ValueType, _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Float {
        switch type {
        case .ubyte: Float(bytes[offset])
        case .byte: Float(Int8(bitPattern: bytes[offset]))
        case .int16: Float(Int16(truncatingIfNeeded: Int(bigEndian: bytes, at: offset, size: 2)))
        case .int32: Float(Int32(truncatingIfNeeded: Int(bigEndian: bytes, at: offset, size: 4)))
        case .float32: Float(bitPattern: UInt32(Int(bigEndian: bytes, at: offset, size: 4)))
        case .float64: Float(Double(bitPattern: UInt64(bitPattern: Int64(Int(bigEndian: bytes, at: offset, size: 8)))))
        }
    }
}

extension Int {
    /// The unsigned big-endian number in `size` bytes (at most 8) of `bytes` from `offset`.
    fileprivate init<Bytes: RandomAccessCollection<UInt8>>(bigEndian bytes: Bytes, at offset: Int, size: Int)
    where Bytes.Index == Int {
        self = (offset..<(offset + size)).reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }
}
