import Language
import Tensors

/// Moving between the language's values and tensors: operands, nested lists, shapes.
enum TensorConversion {
    /// The most elements a tensor made from a shape the user gives may hold (4 GiB of Float),
    /// so a typo such as `zeros(100000, 100000)` fails with a message instead of exhausting memory.
    static let maxElements = 1 << 30
    /// The most numbers a built-in returns as a list (`tolist`, `randperm`): a language value
    /// takes several times the memory of a Float, so lists stop well below tensors.
    static let maxListElements = 1 << 24
    /// How deeply `tensor(...)` follows nested lists (deeper means a list inside itself).
    static let maxNesting = 32

    /// The tensor `value` stands for as an operand: a tensor, a parameter's recording tensor,
    /// or a number (rank 0); nil for anything else.
    static func operand(_ value: Value) -> Tensor? {
        switch value {
        case .number(let number): return Tensor(Float(number))
        case .host(let object): return (object as? any TensorBacked)?.operand
        default: return nil
        }
    }

    /// A tensor from a number, a tensor, or nested lists of those (rows of equal shape); the
    /// values are copied, so the result records no graph.
    ///
    /// - Throws: `ScriptError` naming `op` for ragged rows, a non-numeric element, or lists
    ///   nested too deeply.
    static func tensor(fromNested value: Value, op: String) throws -> Tensor {
        var scalars: [Float] = []
        let shape = try collect(value, into: &scalars, path: [], op: op)
        return try Tensor(shape: shape, scalars: scalars)
    }

    /// Appends the elements of `value` to `scalars` in row-major order and returns its shape.
    private static func collect(_ value: Value, into scalars: inout [Float], path: [Int], op: String) throws -> [Int] {
        switch value {
        case .number(let number):
            scalars.append(Float(number))
            return []
        case .list(let list):
            guard path.count < maxNesting else {
                throw ScriptError("\(op): lists nest more than \(maxNesting) levels deep")
            }
            var rowShape: [Int]?
            for (index, element) in list.elements.enumerated() {
                let shape = try collect(element, into: &scalars, path: path + [index], op: op)
                if let rowShape, rowShape != shape {
                    throw ScriptError(
                        "\(op): element \(place(path + [index])) has shape \(shape), but the elements before it have shape \(rowShape)"
                    )
                }
                rowShape = shape
            }
            return [list.elements.count] + (rowShape ?? [])
        default:
            if let tensor = operand(value) {
                scalars += tensor.scalars
                return tensor.shape
            }
            let at = path.isEmpty ? "" : " at \(place(path))"
            throw ScriptError("\(op): expected numbers or nested lists of numbers, got \(value.typeName)\(at)")
        }
    }

    /// `[1][0]`: where an element sits in nested lists.
    private static func place(_ path: [Int]) -> String {
        path.map { "[\($0)]" }.joined()
    }

    /// The number the language shows for a Float: the shortest decimal that reads back as it
    /// (`0.1`, not the `0.10000000149011612` a plain conversion to Double gives).
    static func number(_ value: Float) -> Double {
        guard value.isFinite else { return Double(value) }
        return Double(value.description) ?? Double(value)
    }

    /// The elements of `tensor` as nested lists of numbers; a number for rank 0.
    /// - Throws: `ScriptError` when the tensor holds more than ``maxListElements``.
    static func nestedList(_ tensor: Tensor) throws -> Value {
        guard tensor.count <= maxListElements else {
            throw ScriptError("tolist: \(tensor.count) elements are too many for a list (at most \(maxListElements))")
        }
        guard !tensor.shape.isEmpty else { return .number(number(tensor.scalars[0])) }
        func build(axis: Int, offset: Int) -> Value {
            let size = tensor.shape[axis]
            if axis == tensor.rank - 1 {
                return .list((0..<size).map { .number(number(tensor.scalars[offset + $0])) })
            }
            let stride = tensor.strides[axis]
            return .list((0..<size).map { build(axis: axis + 1, offset: offset + $0 * stride) })
        }
        return build(axis: 0, offset: 0)
    }

    /// `shape` when its dimensions are non-negative and it holds at most ``maxElements``.
    /// - Throws: `ScriptError` naming `op` otherwise.
    static func checkedShape(_ shape: [Int], op: String) throws -> [Int] {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ScriptError("\(op): dimensions must be non-negative, got \(shape)")
        }
        try checkCount(of: shape, op: op)
        return shape
    }

    /// Checks that a tensor of `shape` holds at most ``maxElements`` (without overflowing).
    /// - Throws: `ScriptError` naming `op` when it would hold more.
    static func checkCount(of shape: [Int], op: String) throws {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= maxElements else {
                throw ScriptError("\(op): shape \(shape) holds more than \(maxElements) elements (2^30)")
            }
            count = product
        }
    }
}
