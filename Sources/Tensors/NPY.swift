import Foundation

/// Reads and writes numpy's `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Reading accepts float32, float64, uint8, int32 and int64 in either byte order and in C or
/// Fortran order (Fortran-ordered data is transposed into row-major order). Writing produces the
/// same bytes as `np.save` for a C-ordered little-endian array, atomically.
///
/// ```swift
/// try NPY.write(x, path: "x.npy")                          // float32
/// try NPY.writeIntegers(labels, shape: [labels.count], path: "y.npy")
/// let back = try NPY.read(path: "x.npy").tensor()
/// ```
public enum NPY {
    /// Reads the array in the NPY file at `path`.
    /// - Throws: ``NPYError`` naming the file, the byte offset and what was expected.
    public static func read(path: String) throws -> NPYArray {
        guard FileManager.default.fileExists(atPath: path) else { throw NPYError(path, "no such file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NPYError(path, "cannot read the file: \(error.localizedDescription)")
        }
        return try decode(data, source: path)
    }

    /// Decodes the bytes of an NPY file; `source` names it in errors.
    /// - Throws: ``NPYError`` for a malformed preamble, an unsupported dtype, or data whose
    ///   length does not match the shape.
    public static func decode(_ data: Data, source: String) throws -> NPYArray {
        let bytes = [UInt8](data)
        let header = try NPYHeader.parse(bytes, source: source)
        let count = header.shape.product
        let expected = count * header.dtype.itemSize
        let found = bytes.count - header.dataOffset
        guard found == expected else {
            let shape = "shape \(header.shape) of '\(header.dtype.descr)'"
            throw NPYError(
                source, at: header.dataOffset, "expected \(expected) data bytes for \(shape), found \(found)")
        }
        let order = ElementReader(bytes: bytes, offset: header.dataOffset, bigEndian: header.bigEndian)
        var values: NPYArray.Values
        switch header.dtype {
        case .float32: values = .floats(order.load(UInt32.self, count: count).map { Float(bitPattern: $0) })
        case .float64: values = .doubles(order.load(UInt64.self, count: count).map { Double(bitPattern: $0) })
        case .uint8: values = .integers(order.load(UInt8.self, count: count).map { Int($0) })
        case .int32: values = .integers(order.load(Int32.self, count: count).map { Int($0) })
        case .int64: values = .integers(order.load(Int64.self, count: count).map { Int($0) })
        }
        if header.fortranOrder, header.shape.count > 1 {
            switch values {
            case .floats(let v): values = .floats(rowMajor(v, fromFortran: header.shape))
            case .doubles(let v): values = .doubles(rowMajor(v, fromFortran: header.shape))
            case .integers(let v): values = .integers(rowMajor(v, fromFortran: header.shape))
            }
        }
        return NPYArray(shape: header.shape, dtype: header.dtype, source: source, values: values)
    }

    /// Writes `tensor` to `path` as an NPY file with elements of `dtype`, atomically.
    /// - Throws: ``NPYError`` when `dtype` is an integer type and an element is not a whole
    ///   number in its range; ``AtomicFileError`` when the file cannot be written.
    public static func write(_ tensor: Tensor, path: String, dtype: NPYDType = .float32) throws {
        try AtomicFile.write(encode(tensor, dtype: dtype, source: path), to: path)
    }

    /// Writes integers of the given row-major `shape` to `path` as an NPY file, atomically.
    /// - Throws: ``NPYError`` when the shape does not hold `values.count` elements or a value
    ///   does not fit `dtype`; ``AtomicFileError`` when the file cannot be written.
    public static func writeIntegers(
        _ values: [Int], shape: [Int], path: String, dtype: NPYDType = .int64
    ) throws {
        try AtomicFile.write(encodeIntegers(values, shape: shape, dtype: dtype, source: path), to: path)
    }

    /// The bytes of an NPY file holding `tensor` as `dtype`; `source` names it in errors.
    public static func encode(
        _ tensor: Tensor, dtype: NPYDType = .float32, source: String = "npy"
    ) throws -> Data {
        var bytes = NPYHeader.encoded(dtype: dtype, shape: tensor.shape)
        switch dtype {
        case .float32: bytes += littleEndianBytes(tensor.scalars.map(\.bitPattern))
        case .float64: bytes += littleEndianBytes(tensor.scalars.map { Double($0).bitPattern })
        case .uint8, .int32, .int64:
            let integers = try tensor.scalars.enumerated().map { index, value in
                guard let integer = Int(exactly: value) else {
                    throw NPYError(
                        source,
                        "cannot write element \(index) = \(value) as \(dtype.descr): not a whole number")
                }
                return integer
            }
            bytes += try integerBytes(integers, dtype: dtype, source: source)
        }
        return Data(bytes)
    }

    /// The bytes of an NPY file holding integers of the given row-major `shape` as `dtype`.
    public static func encodeIntegers(
        _ values: [Int], shape: [Int], dtype: NPYDType = .int64, source: String = "npy"
    ) throws -> Data {
        guard shape.allSatisfy({ $0 >= 0 }), shape.product == values.count else {
            throw NPYError(source, "shape \(shape) does not hold \(values.count) values")
        }
        return Data(
            NPYHeader.encoded(dtype: dtype, shape: shape)
                + (try integerBytes(values, dtype: dtype, source: source)))
    }

    /// Integers as little-endian `dtype` elements, each checked to fit.
    private static func integerBytes(_ values: [Int], dtype: NPYDType, source: String) throws -> [UInt8] {
        func narrowed<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
            try values.enumerated().map { index, value in
                guard let narrow = T(exactly: value) else {
                    throw NPYError(
                        source,
                        "cannot write element \(index) = \(value) as \(dtype.descr): outside \(T.min)...\(T.max)"
                    )
                }
                return narrow
            }
        }
        switch dtype {
        case .uint8: return try narrowed(UInt8.self)
        case .int32: return littleEndianBytes(try narrowed(Int32.self))
        case .int64: return littleEndianBytes(values.map { Int64($0) })
        case .float32: return littleEndianBytes(values.map { Float($0).bitPattern })
        case .float64: return littleEndianBytes(values.map { Double($0).bitPattern })
        }
    }

    private static func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    /// Reorders column-major (Fortran) elements of `shape` into row-major order.
    private static func rowMajor<T>(_ values: [T], fromFortran shape: [Int]) -> [T] {
        guard !values.isEmpty else { return values }
        var fortranStrides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropFirst() {
            fortranStrides[axis] = fortranStrides[axis - 1] * shape[axis - 1]
        }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        var result: [T] = []
        result.reserveCapacity(values.count)
        for _ in values.indices {
            result.append(values[offset])
            // Advance the row-major multi-index, carrying into slower axes.
            var axis = shape.count - 1
            index[axis] += 1
            offset += fortranStrides[axis]
            while axis > 0, index[axis] == shape[axis] {
                offset -= fortranStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
                index[axis] += 1
                offset += fortranStrides[axis]
            }
        }
        return result
    }
}

/// Reads fixed-width elements from file bytes in the file's byte order.
private struct ElementReader {
    let bytes: [UInt8]
    let offset: Int
    let bigEndian: Bool

    func load<T: FixedWidthInteger>(_: T.Type, count: Int) -> [T] {
        bytes.withUnsafeBytes { raw in
            (0..<count).map { i in
                let stored = raw.loadUnaligned(fromByteOffset: offset + i * MemoryLayout<T>.size, as: T.self)
                return bigEndian ? T(bigEndian: stored) : T(littleEndian: stored)
            }
        }
    }
}
