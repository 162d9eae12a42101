import Foundation
import Tensors

/// A safetensors file (Hugging Face's format): named tensors plus string metadata.
///
/// Reading accepts F32, F16, BF16 and F64 tensors (converted to `Float`) and the integer dtypes
/// (as ``IntegerArray``, e.g. PyTorch's `num_batches_tracked`), and checks the file as strictly
/// as the reference implementation. Writing produces F32 tensors and I64 integer arrays laid out
/// exactly as `safetensors.torch.save_file` lays them out, so PyTorch and numpy read the files,
/// and the same content always gives the same bytes (metadata keys are sorted).
///
/// ```swift
/// var file = SafeTensorsFile(tensors: ["0.weight": w, "0.bias": b],
///                            metadata: ["recast.architecture": "mlp 64-32-10"])
/// try file.write(path: "model.safetensors")
/// let back = try SafeTensorsFile.read(path: "model.safetensors")
/// ```
public struct SafeTensorsFile {
    /// The floating-point tensors by name (written as F32, ordered by name in the file).
    public var tensors: [String: Tensor]
    /// The integer tensors by name (written as I64, before the float tensors, as the reference
    /// orders wider dtypes first).
    public var integers: [String: IntegerArray]
    /// Free-form string metadata (the header's `__metadata__`).
    public var metadata: [String: String]

    /// An integer tensor: its shape and row-major values.
    public struct IntegerArray: Equatable, Sendable {
        /// The size of each dimension.
        public private(set) var shape: [Int]
        /// The elements in row-major order.
        public private(set) var values: [Int]

        /// Makes an integer array.
        /// - Throws: ``SafeTensorsError`` when `shape` does not hold `values.count` elements.
        public init(shape: [Int], values: [Int]) throws {
            guard shape.allSatisfy({ $0 >= 0 }), shape.product == values.count else {
                throw SafeTensorsError("integer array", "shape \(shape) does not hold \(values.count) values")
            }
            self.shape = shape
            self.values = values
        }
    }

    /// Makes a file's content from tensors, integer arrays and metadata.
    public init(
        tensors: [String: Tensor] = [:], integers: [String: IntegerArray] = [:],
        metadata: [String: String] = [:]
    ) {
        self.tensors = tensors
        self.integers = integers
        self.metadata = metadata
    }

    /// Reads the safetensors file at `path`.
    /// - Throws: ``SafeTensorsError`` naming the file and what was wrong.
    public static func read(path: String) throws -> SafeTensorsFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SafeTensorsError(path, "no such file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SafeTensorsError(path, "cannot read the file: \(error.localizedDescription)")
        }
        return try decode(data, source: path)
    }

    /// Decodes the bytes of a safetensors file; `source` names it in errors.
    /// - Throws: ``SafeTensorsError`` for a malformed header, an unsupported dtype, offsets that
    ///   do not match the shapes or do not cover the data buffer exactly, or an unsigned value
    ///   too large for `Int`.
    public static func decode(_ data: Data, source: String) throws -> SafeTensorsFile {
        let bytes = [UInt8](data)
        let header = try SafeTensorsHeader.parse(bytes, source: source)
        var file = SafeTensorsFile(metadata: header.metadata)
        for entry in header.entries {
            let reader = ElementReader(
                bytes: bytes, start: header.dataStart + entry.begin, end: header.dataStart + entry.end,
                tensor: entry.name, source: source)
            switch try reader.values(entry.dtype) {
            case .floats(let scalars):
                file.tensors[entry.name] = try Tensor(shape: entry.shape, scalars: scalars)
            case .integers(let values):
                file.integers[entry.name] = try IntegerArray(shape: entry.shape, values: values)
            }
        }
        return file
    }

    /// The bytes of this content as a safetensors file.
    /// - Throws: ``SafeTensorsError`` when a name is `__metadata__` or names both a tensor and
    ///   an integer array.
    public func encoded() throws -> Data {
        try encoded(source: "safetensors")
    }

    /// Writes this content to `path` as a safetensors file, atomically.
    /// - Throws: ``SafeTensorsError`` for invalid names (see ``encoded()``);
    ///   ``AtomicFileError`` when the file cannot be written.
    public func write(path: String) throws {
        try AtomicFile.write(encoded(source: path), to: path)
    }

    private func encoded(source: String) throws -> Data {
        if let clash = tensors.keys.sorted().first(where: { integers[$0] != nil }) {
            throw SafeTensorsError(source, "'\(clash)' names both a tensor and an integer array")
        }
        if tensors[SafeTensorsHeader.metadataKey] != nil || integers[SafeTensorsHeader.metadataKey] != nil {
            throw SafeTensorsError(
                source, "'\(SafeTensorsHeader.metadataKey)' is reserved for the metadata, not a tensor name")
        }
        // The reference orders by dtype, widest first (I64 before F32), then by name.
        func byName(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        var entries: [SafeTensorsHeader.Entry] = []
        var buffer: [UInt8] = []
        for (name, array) in integers.sorted(by: { byName($0.key, $1.key) }) {
            let end = buffer.count + SafeTensorsDType.i64.size * array.values.count
            entries.append(.init(name: name, dtype: .i64, shape: array.shape, begin: buffer.count, end: end))
            buffer += littleEndianBytes(array.values.map { Int64($0) })
        }
        for (name, tensor) in tensors.sorted(by: { byName($0.key, $1.key) }) {
            let end = buffer.count + SafeTensorsDType.f32.size * tensor.count
            entries.append(.init(name: name, dtype: .f32, shape: tensor.shape, begin: buffer.count, end: end))
            buffer += littleEndianBytes(tensor.scalars.map(\.bitPattern))
        }
        return Data(SafeTensorsHeader.encoded(entries: entries, metadata: metadata) + buffer)
    }

    private func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }
}

/// Reads the little-endian elements of one tensor's byte range.
private struct ElementReader {
    let bytes: [UInt8]
    let start: Int
    let end: Int
    /// The tensor and file, for error messages.
    let tensor: String
    let source: String

    enum Values {
        case floats([Float])
        case integers([Int])
    }

    /// The elements as `Float` for floating-point dtypes, as `Int` for integer dtypes.
    /// - Throws: ``SafeTensorsError`` when a U64 value does not fit in `Int`.
    func values(_ dtype: SafeTensorsDType) throws -> Values {
        switch dtype {
        case .f32: return .floats(elements(UInt32.self).map { Float(bitPattern: $0) })
        case .f64: return .floats(elements(UInt64.self).map { Float(Double(bitPattern: $0)) })
        case .f16: return .floats(elements(UInt16.self).map { Float(Float16(bitPattern: $0)) })
        // bfloat16 is the upper half of a float32.
        case .bf16: return .floats(elements(UInt16.self).map { Float(bitPattern: UInt32($0) << 16) })
        case .i64: return .integers(elements(Int64.self).map { Int($0) })
        case .i32: return .integers(elements(Int32.self).map { Int($0) })
        case .i16: return .integers(elements(Int16.self).map { Int($0) })
        case .i8: return .integers(elements(Int8.self).map { Int($0) })
        case .u32: return .integers(elements(UInt32.self).map { Int($0) })
        case .u16: return .integers(elements(UInt16.self).map { Int($0) })
        case .u8: return .integers(elements(UInt8.self).map { Int($0) })
        case .u64:
            let values = elements(UInt64.self)
            if let index = values.firstIndex(where: { $0 > UInt64(Int.max) }) {
                throw SafeTensorsError(
                    source, "tensor '\(tensor)': element \(index) = \(values[index]) is too large for Int")
            }
            return .integers(values.map { Int($0) })
        }
    }

    private func elements<T: FixedWidthInteger>(_: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        return bytes.withUnsafeBytes { raw in
            stride(from: start, to: end, by: size).map {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: T.self))
            }
        }
    }
}
