import Language
import Tensors

/// The language's operators on tensors: `+ - * / **` element-wise with broadcasting, `@` the
/// matrix product, and `< <= > >= == !=` element-wise, giving tensors of 0 and 1. Numbers
/// take part on either side as rank-0 tensors.
enum TensorOperators {
    /// `tensor op other` (`isLeft`) or `other op tensor`; nil when `other` is not a number,
    /// tensor or parameter, or the operator does not apply to tensors (`%`).
    static func binary(_ op: BinaryOperator, _ tensor: Tensor, _ other: Value, isLeft: Bool) throws -> Value? {
        guard let operand = TensorConversion.operand(other) else { return nil }
        let (a, b) = isLeft ? (tensor, operand) : (operand, tensor)
        do {
            return try apply(op, a, b).map { .host(TensorObject($0)) }
        } catch let error as TensorError {
            throw ScriptError("'\(op.rawValue)': \(error.message)")
        }
    }

    /// `-tensor` and `+tensor`; nil for `!`.
    static func unary(_ op: UnaryOperator, _ tensor: Tensor) throws -> Value? {
        switch op {
        case .negate: return .host(TensorObject(tensor.negated()))
        case .plus: return .host(TensorObject(tensor))
        case .not: return nil
        }
    }

    private static func apply(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor) throws -> Tensor? {
        switch op {
        case .add: return try a + b
        case .subtract: return try a - b
        case .multiply: return try a * b
        case .divide: return try a / b
        case .power:
            // A constant scalar exponent needs no gradient of its own: the one-input op is cheaper.
            if b.rank == 0, !b.isTracked { return a.pow(b.scalars[0]) }
            return try a.pow(b)
        case .matmul: return try matmul(a, b)
        case .equal: return try equal(a, b)
        case .notEqual: return try notEqual(a, b)
        case .less: return try less(a, b)
        case .lessEqual: return try lessEqual(a, b)
        case .greater: return try greater(a, b)
        case .greaterEqual: return try greaterEqual(a, b)
        case .remainder: return nil
        }
    }
}
