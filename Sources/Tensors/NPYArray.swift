/// An array read from an NPY file: its shape, its stored element type, and its values.
///
/// ```swift
/// let images = try NPY.read(path: "x.npy").tensor()      // any dtype, as Float
/// let labels = try NPY.read(path: "y.npy").integers()    // uint8, int32, int64 or integral floats
/// ```
public struct NPYArray {
    /// The size of each dimension, in row-major (C) order whatever order the file used.
    public let shape: [Int]
    /// The element type stored in the file.
    public let dtype: NPYDType
    /// The file the array came from, for error messages.
    public let source: String
    /// The elements in row-major order, in the widest form of the stored type.
    let values: Values

    enum Values {
        case floats([Float])
        case doubles([Double])
        case integers([Int])
    }

    /// The values as a Float tensor; float64 and integers beyond 2^24 round to the nearest Float.
    public func tensor() -> Tensor {
        switch values {
        case .floats(let floats): Tensor(unchecked: shape, floats)
        case .doubles(let doubles): Tensor(unchecked: shape, doubles.map { Float($0) })
        case .integers(let integers): Tensor(unchecked: shape, integers.map { Float($0) })
        }
    }

    /// The values as integers, in row-major order.
    /// - Throws: ``NPYError`` when a float element is not a whole number (naming its index).
    public func integers() throws -> [Int] {
        switch values {
        case .integers(let integers): return integers
        case .floats(let floats): return try wholeNumbers(floats)
        case .doubles(let doubles): return try wholeNumbers(doubles)
        }
    }

    private func wholeNumbers<F: BinaryFloatingPoint>(_ values: [F]) throws -> [Int] {
        try values.enumerated().map { index, value in
            guard let integer = Int(exactly: value) else {
                throw NPYError(
                    source, "expected integers, but element \(index) of the \(dtype.descr) array is \(value)")
            }
            return integer
        }
    }
}
