import Foundation

/// An operator's effect on two numbers, as a type, so the compiled closures are specialised per
/// operator and operand shape with no dispatch left at run time.
protocol NumberOperation {
    static var op: BinaryOperator { get }
    static func apply(_ a: Double, _ b: Double) -> Value
}

/// A comparison of two numbers, usable both as a value and directly as a condition.
protocol NumberComparison: NumberOperation {
    static func test(_ a: Double, _ b: Double) -> Bool
}

extension NumberComparison {
    static func apply(_ a: Double, _ b: Double) -> Value { .bool(test(a, b)) }
}

enum AddNumbers: NumberOperation {
    static var op: BinaryOperator { .add }
    static func apply(_ a: Double, _ b: Double) -> Value { .number(a + b) }
}

enum SubtractNumbers: NumberOperation {
    static var op: BinaryOperator { .subtract }
    static func apply(_ a: Double, _ b: Double) -> Value { .number(a - b) }
}

enum MultiplyNumbers: NumberOperation {
    static var op: BinaryOperator { .multiply }
    static func apply(_ a: Double, _ b: Double) -> Value { .number(a * b) }
}

enum DivideNumbers: NumberOperation {
    static var op: BinaryOperator { .divide }
    static func apply(_ a: Double, _ b: Double) -> Value { .number(a / b) }
}

enum RemainderNumbers: NumberOperation {
    static var op: BinaryOperator { .remainder }
    static func apply(_ a: Double, _ b: Double) -> Value { .number(Operators.remainder(a, b)) }
}

enum PowerNumbers: NumberOperation {
    static var op: BinaryOperator { .power }
    static func apply(_ a: Double, _ b: Double) -> Value { .number(pow(a, b)) }
}

enum EqualNumbers: NumberComparison {
    static var op: BinaryOperator { .equal }
    static func test(_ a: Double, _ b: Double) -> Bool { a == b }
}

enum NotEqualNumbers: NumberComparison {
    static var op: BinaryOperator { .notEqual }
    static func test(_ a: Double, _ b: Double) -> Bool { a != b }
}

enum LessNumbers: NumberComparison {
    static var op: BinaryOperator { .less }
    static func test(_ a: Double, _ b: Double) -> Bool { a < b }
}

enum LessEqualNumbers: NumberComparison {
    static var op: BinaryOperator { .lessEqual }
    static func test(_ a: Double, _ b: Double) -> Bool { a <= b }
}

enum GreaterNumbers: NumberComparison {
    static var op: BinaryOperator { .greater }
    static func test(_ a: Double, _ b: Double) -> Bool { a > b }
}

enum GreaterEqualNumbers: NumberComparison {
    static var op: BinaryOperator { .greaterEqual }
    static func test(_ a: Double, _ b: Double) -> Bool { a >= b }
}

/// Where an operand comes from; specialising on it saves a closure call for locals and constants.
protocol Operand {
    func value(_ frame: Frame) throws -> Value
}

struct SlotOperand: Operand {
    let slot: Int
    @inline(__always) func value(_ frame: Frame) throws -> Value { frame.values[slot] }
}

struct ConstantOperand: Operand {
    let constant: Value
    @inline(__always) func value(_ frame: Frame) throws -> Value { constant }
}

struct CodeOperand: Operand {
    let code: Eval
    @inline(__always) func value(_ frame: Frame) throws -> Value { try code(frame) }
}

extension Compiler {
    private enum OperandShape {
        case slot(SlotOperand)
        case constant(ConstantOperand)
        case code(CodeOperand)
    }

    private func shape(_ expression: Expression) -> OperandShape {
        switch expression.kind {
        case .number(let number):
            return .constant(ConstantOperand(constant: .number(number)))
        case .variable:
            if let slot = plainSlot(expression.id) { return .slot(SlotOperand(slot: slot)) }
        default:
            break
        }
        return .code(CodeOperand(code: compileExpression(expression)))
    }

    /// `left op right` as a value.
    func compileBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, span: SourceSpan) -> Eval {
        let location = at(span)
        switch op {
        case .add: return numberCode(AddNumbers.self, left, right, location)
        case .subtract: return numberCode(SubtractNumbers.self, left, right, location)
        case .multiply: return numberCode(MultiplyNumbers.self, left, right, location)
        case .divide: return numberCode(DivideNumbers.self, left, right, location)
        case .remainder: return numberCode(RemainderNumbers.self, left, right, location)
        case .power: return numberCode(PowerNumbers.self, left, right, location)
        case .equal: return numberCode(EqualNumbers.self, left, right, location)
        case .notEqual: return numberCode(NotEqualNumbers.self, left, right, location)
        case .less: return numberCode(LessNumbers.self, left, right, location)
        case .lessEqual: return numberCode(LessEqualNumbers.self, left, right, location)
        case .greater: return numberCode(GreaterNumbers.self, left, right, location)
        case .greaterEqual: return numberCode(GreaterEqualNumbers.self, left, right, location)
        case .matmul:
            let leftCode = compileExpression(left), rightCode = compileExpression(right)
            return { frame in
                let a = try leftCode(frame), b = try rightCode(frame)
                do { return try Operators.binary(.matmul, a, b) } catch { throw RuntimeError.from(error, at: location) }
            }
        }
    }

    private func numberCode<Op: NumberOperation>(
        _ op: Op.Type, _ left: Expression, _ right: Expression, _ location: SourceLocation
    ) -> Eval {
        switch (shape(left), shape(right)) {
        case (.slot(let a), .slot(let b)): return Compiler.numberCode(op, a, b, location)
        case (.slot(let a), .constant(let b)): return Compiler.numberCode(op, a, b, location)
        case (.slot(let a), .code(let b)): return Compiler.numberCode(op, a, b, location)
        case (.constant(let a), .slot(let b)): return Compiler.numberCode(op, a, b, location)
        case (.constant(let a), .constant(let b)): return Compiler.numberCode(op, a, b, location)
        case (.constant(let a), .code(let b)): return Compiler.numberCode(op, a, b, location)
        case (.code(let a), .slot(let b)): return Compiler.numberCode(op, a, b, location)
        case (.code(let a), .constant(let b)): return Compiler.numberCode(op, a, b, location)
        case (.code(let a), .code(let b)): return Compiler.numberCode(op, a, b, location)
        }
    }

    private static func numberCode<Op: NumberOperation, Left: Operand, Right: Operand>(
        _ op: Op.Type, _ left: Left, _ right: Right, _ location: SourceLocation
    ) -> Eval {
        return { frame in
            let a = try left.value(frame), b = try right.value(frame)
            if case .number(let x) = a, case .number(let y) = b { return Op.apply(x, y) }
            do { return try Operators.binary(Op.op, a, b) } catch { throw RuntimeError.from(error, at: location) }
        }
    }

    /// `op operand`.
    func compileUnary(_ op: UnaryOperator, _ operand: Expression, location: SourceLocation) -> Eval {
        if op == .not {
            let test = compileCondition(operand)
            return { frame in .bool(try !test(frame)) }
        }
        let code = compileExpression(operand)
        if op == .negate {
            return { frame in
                let value = try code(frame)
                if case .number(let number) = value { return .number(-number) }
                do { return try Operators.unary(.negate, value) } catch { throw RuntimeError.from(error, at: location) }
            }
        }
        return { frame in
            do { return try Operators.unary(op, try code(frame)) } catch { throw RuntimeError.from(error, at: location) }
        }
    }

    // MARK: - Conditions

    /// Code deciding a condition (of `if`, `while`, `&&`, `||`, `!`), which must be a bool.
    /// Comparisons of numbers answer directly, without making a bool value.
    func compileCondition(_ expression: Expression) -> (Frame) throws -> Bool {
        let location = at(expression.span)
        switch expression.kind {
        case .bool(let flag):
            return { _ in flag }
        case .logical(let isAnd, let left, let right):
            let first = compileCondition(left), second = compileCondition(right)
            if isAnd { return { frame in try first(frame) ? try second(frame) : false } }
            return { frame in try first(frame) ? true : try second(frame) }
        case .unary(.not, let operand):
            let test = compileCondition(operand)
            return { frame in try !test(frame) }
        case .binary(.equal, let left, let right): return comparisonCode(EqualNumbers.self, left, right, location)
        case .binary(.notEqual, let left, let right): return comparisonCode(NotEqualNumbers.self, left, right, location)
        case .binary(.less, let left, let right): return comparisonCode(LessNumbers.self, left, right, location)
        case .binary(.lessEqual, let left, let right): return comparisonCode(LessEqualNumbers.self, left, right, location)
        case .binary(.greater, let left, let right): return comparisonCode(GreaterNumbers.self, left, right, location)
        case .binary(.greaterEqual, let left, let right):
            return comparisonCode(GreaterEqualNumbers.self, left, right, location)
        default:
            let code = compileExpression(expression)
            return { frame in try Compiler.truth(try code(frame), at: location) }
        }
    }

    /// A condition's value, which must be a bool.
    static func truth(_ value: Value, at location: SourceLocation) throws -> Bool {
        guard case .bool(let flag) = value else {
            throw RuntimeError("condition must be a bool, got \(value.typeName)", at: location)
        }
        return flag
    }

    private func comparisonCode<Op: NumberComparison>(
        _ op: Op.Type, _ left: Expression, _ right: Expression, _ location: SourceLocation
    ) -> (Frame) throws -> Bool {
        switch (shape(left), shape(right)) {
        case (.slot(let a), .slot(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.slot(let a), .constant(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.slot(let a), .code(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.constant(let a), .slot(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.constant(let a), .constant(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.constant(let a), .code(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.code(let a), .slot(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.code(let a), .constant(let b)): return Compiler.comparisonCode(op, a, b, location)
        case (.code(let a), .code(let b)): return Compiler.comparisonCode(op, a, b, location)
        }
    }

    private static func comparisonCode<Op: NumberComparison, Left: Operand, Right: Operand>(
        _ op: Op.Type, _ left: Left, _ right: Right, _ location: SourceLocation
    ) -> (Frame) throws -> Bool {
        return { frame in
            let a = try left.value(frame), b = try right.value(frame)
            if case .number(let x) = a, case .number(let y) = b { return Op.test(x, y) }
            let result: Value
            do { result = try Operators.binary(Op.op, a, b) } catch { throw RuntimeError.from(error, at: location) }
            return try truth(result, at: location)
        }
    }
}
