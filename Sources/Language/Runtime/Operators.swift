import Foundation

/// What the operators do to values other than two numbers (the compiled code handles numbers
/// inline): string and list concatenation, comparisons of strings, equality of anything, and
/// handing any operation with a host-object operand to that object.
enum Operators {
    /// `left op right`.
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        if case .host(let object) = left, let result = try object.binary(op, right, isLeft: true) { return result }
        if case .host(let object) = right, let result = try object.binary(op, left, isLeft: false) { return result }
        switch (op, left, right) {
        case (_, .number(let a), .number(let b)):
            return try number(op, a, b)
        case (.equal, _, _):
            return .bool(try left.equals(right))
        case (.notEqual, _, _):
            return .bool(try !left.equals(right))
        case (.add, .string(let a), .string(let b)):
            return .string(a + b)
        case (.add, .list(let a), .list(let b)):
            return .list(ListObject(a.elements + b.elements))
        case (.multiply, .string(let text), .number), (.multiply, .number, .string(let text)):
            let times = (left.integer ?? right.integer) ?? -1
            guard times >= 0 else { throw ScriptError("'*': a string repeats a whole, non-negative number of times") }
            return .string(String(repeating: text, count: times))
        case (.less, .string(let a), .string(let b)): return .bool(a < b)
        case (.lessEqual, .string(let a), .string(let b)): return .bool(a <= b)
        case (.greater, .string(let a), .string(let b)): return .bool(a > b)
        case (.greaterEqual, .string(let a), .string(let b)): return .bool(a >= b)
        case (.matmul, _, _):
            throw ScriptError("'@' (matrix product) needs tensors, got \(left.typeName) and \(right.typeName)")
        default:
            throw ScriptError("cannot apply '\(op.rawValue)' to \(left.typeName) and \(right.typeName)")
        }
    }

    /// `a op b` for two numbers.
    static func number(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        case .remainder: return .number(remainder(a, b))
        case .power: return .number(pow(a, b))
        case .matmul: throw ScriptError("'@' (matrix product) needs tensors, got number and number")
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        }
    }

    /// The remainder with the sign of the divisor, as Python and Lua compute it (`-1 % 3 == 2`).
    @inline(__always)
    static func remainder(_ a: Double, _ b: Double) -> Double {
        // Whole numbers, the usual case (`i % 7`), divide as integers: fmod is a slow loop.
        // (Range checks and round trips rather than `Int32(exactly:)`, which calls `trunc`.)
        if a > -2_147_483_649, a < 2_147_483_648, b >= 1, b < 2_147_483_648 {
            let x = Int32(a), y = Int32(b)
            if Double(x) == a && Double(y) == b {
                let r = x % y
                return Double(r < 0 ? r + y : r)
            }
        }
        let r = fmod(a, b)
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    /// `op operand`.
    static func unary(_ op: UnaryOperator, _ operand: Value) throws -> Value {
        if case .host(let object) = operand, let result = try object.unary(op) { return result }
        switch (op, operand) {
        case (.negate, .number(let value)): return .number(-value)
        case (.plus, .number): return operand
        case (.not, .bool(let flag)): return .bool(!flag)
        case (.not, _): throw ScriptError("'!' needs a bool, got \(operand.typeName)")
        default: throw ScriptError("cannot apply '\(op.rawValue)' to \(operand.typeName)")
        }
    }
}
