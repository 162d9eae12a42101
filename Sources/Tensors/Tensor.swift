/// An n-dimensional array of `Float`, stored contiguously in row-major order.
///
/// `Tensor` is a value: copies share storage until one of them is written (copy-on-write, through
/// Swift's `Array`). A tensor produced by an op on a tracked input (see ``Parameter``) carries the
/// node that lets ``Tensor/backward()`` send gradients back to the parameters.
///
/// ```swift
/// let a = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
/// let b = try a + a          // [[2, 4], [6, 8]]
/// ```
public struct Tensor {
    /// The size of each dimension; `[]` for a scalar.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public internal(set) var scalars: [Float]
    /// The autodiff node this value came from, when it depends on a tracked parameter.
    var node: GradNode?

    /// Makes a tensor from a shape and its row-major elements.
    /// - Throws: ``TensorError`` when the element count does not match the shape, or a
    ///   dimension is negative.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError("tensor", "dimensions must be non-negative, got \(shape)")
        }
        guard shape.product == scalars.count else {
            throw TensorError(
                "tensor", "shape \(shape) holds \(shape.product) elements, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Makes a tensor without checking; for ops that have computed a consistent shape.
    init(unchecked shape: [Int], _ scalars: [Float], node: GradNode? = nil) {
        self.shape = shape
        self.scalars = scalars
        self.node = node
    }

    /// A rank-0 tensor holding one value.
    public init(_ value: Float) {
        self.init(unchecked: [], [value])
    }

    /// A rank-1 tensor of the given values.
    public init(_ values: [Float]) {
        self.init(unchecked: [values.count], values)
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError("full", "dimensions must be non-negative, got \(shape)")
        }
        self.init(unchecked: shape, [Float](repeating: value, count: shape.product))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor {
        try Tensor(repeating: 0, shape: shape)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) throws -> Tensor {
        try Tensor(repeating: 1, shape: shape)
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }
    /// Whether this value depends on a tracked parameter (so `backward()` reaches it).
    public var isTracked: Bool { node != nil }

    /// The single element of a one-element tensor.
    /// - Throws: ``TensorError`` when the tensor has more or fewer than one element.
    public func item() throws -> Float {
        guard scalars.count == 1 else {
            throw TensorError("item", "expected a tensor with one element, got shape \(shape)")
        }
        return scalars[0]
    }

    /// The same values, no longer connected to the autodiff graph.
    public var detached: Tensor { Tensor(unchecked: shape, scalars) }

    /// Row-major strides of `shape`, in elements.
    public var strides: [Int] { Tensor.strides(of: shape) }

    /// Row-major strides for a shape.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }
}

extension Array where Element == Int {
    /// The product of the elements; 1 for an empty array (the element count of a shape).
    public var product: Int { reduce(1, *) }
}

extension Tensor {
    /// Whether any element is NaN (ops themselves never check).
    public var containsNaN: Bool { scalars.contains { $0.isNaN } }
}
