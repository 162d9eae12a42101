import Language
import Tensors

/// A host object that stands for a tensor in operators, indexing, `len` and `for`: a plain
/// tensor, or a parameter (whose tensor records the graph, so the results can be differentiated).
protocol TensorBacked: HostObject {
    /// The tensor that operators and methods work on.
    var operand: Tensor { get }
}

extension TensorBacked {
    func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? {
        try TensorOperators.binary(op, operand, other, isLeft: isLeft)
    }

    func unary(_ op: UnaryOperator) throws -> Value? {
        try TensorOperators.unary(op, operand)
    }

    subscript(indices: [IndexArgument]) -> Value {
        get throws { .host(TensorObject(try TensorIndexing.get(operand, indices))) }
    }

    /// The length of the first axis, as numpy's `len`; a rank-0 tensor has no length.
    var count: Int? { operand.shape.first }

    /// The slices along the first axis, each a tensor of one rank less (rank 0 for a vector).
    func makeIterator() throws -> (() throws -> Value?)? {
        let tensor = operand
        guard let rows = tensor.shape.first else { return nil }
        var next = 0
        return {
            guard next < rows else { return nil }
            defer { next += 1 }
            return .host(TensorObject(try tensor.indexed([.at(next)])))
        }
    }
}
