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
    /// True when reading the operand has no effect, so it may be peeked at before it is read.
    static var isPure: Bool { get }
    func value(_ frame: Frame) throws -> Value
    /// The operand's number, read without copying the value (pure operands only).
    func peekNumber(_ frame: Frame) -> Double?
}

struct SlotOperand: Operand {
    let slot: Int
    static var isPure: Bool { true }
    @inline(__always) func value(_ frame: Frame) throws -> Value { frame.values[slot] }
    @inline(__always) func peekNumber(_ frame: Frame) -> Double? {
        if case .number(let number) = frame.values[slot] { return number }
        return nil
    }
}

struct ConstantOperand: Operand {
    let constant: Value
    static var isPure: Bool { true }
    @inline(__always) func value(_ frame: Frame) throws -> Value { constant }
    @inline(__always) func peekNumber(_ frame: Frame) -> Double? {
        if case .number(let number) = constant { return number }
        return nil
    }
}

struct CodeOperand: Operand {
    let code: Eval
    static var isPure: Bool { false }
    @inline(__always) func value(_ frame: Frame) throws -> Value { try code(frame) }
    @inline(__always) func peekNumber(_ frame: Frame) -> Double? { nil }
}

/// Builds code from two operands of statically known shapes; `Compiler.withOperands` picks the
/// shapes, so every builder is specialised for each of the nine combinations.
protocol OperandPairBuilder {
    associatedtype Result
    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Result
}

/// `left op right` as a value.
struct NumberCodeBuilder<Op: NumberOperation>: OperandPairBuilder {
    let location: SourceLocation

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Eval {
        let location = self.location
        return { frame in
            if Left.isPure && Right.isPure, let x = left.peekNumber(frame), let y = right.peekNumber(frame) {
                return Op.apply(x, y)
            }
            let a = try left.value(frame), b = try right.value(frame)
            if case .number(let x) = a, case .number(let y) = b { return Op.apply(x, y) }
            do { return try Operators.binary(Op.op, a, b) } catch { throw RuntimeError.from(error, at: location) }
        }
    }
}

/// `left op right` as a condition.
struct ComparisonCodeBuilder<Op: NumberComparison>: OperandPairBuilder {
    let location: SourceLocation

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> (Frame) throws -> Bool {
        let location = self.location
        return { frame in try ComparisonCodeBuilder.test(left, right, frame, location) }
    }

    @inline(__always)
    static func test<Left: Operand, Right: Operand>(_ left: Left, _ right: Right, _ frame: Frame, _ location: SourceLocation) throws -> Bool {
        if Left.isPure && Right.isPure, let x = left.peekNumber(frame), let y = right.peekNumber(frame) {
            return Op.test(x, y)
        }
        let a = try left.value(frame), b = try right.value(frame)
        if case .number(let x) = a, case .number(let y) = b { return Op.test(x, y) }
        let result: Value
        do { result = try Operators.binary(Op.op, a, b) } catch { throw RuntimeError.from(error, at: location) }
        return try Compiler.truth(result, at: location)
    }
}

/// `if left op right { then } else { otherwise }` as a statement, the comparison inlined.
struct IfComparisonBuilder<Op: NumberComparison>: OperandPairBuilder {
    let location: SourceLocation
    let conditionLocation: SourceLocation
    let machine: Machine
    let then: Exec
    let otherwise: Exec

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Exec {
        let location = self.location, conditionLocation = self.conditionLocation, machine = self.machine
        let then = self.then, otherwise = self.otherwise
        return { frame in
            try machine.checkInterrupt(location)
            if try ComparisonCodeBuilder<Op>.test(left, right, frame, conditionLocation) { return try then(frame) }
            return try otherwise(frame)
        }
    }
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

    /// Builds code for `left` and `right` with `builder`, specialised on their shapes.
    func withOperands<Builder: OperandPairBuilder>(_ left: Expression, _ right: Expression, _ builder: Builder) -> Builder.Result {
        switch (shape(left), shape(right)) {
        case (.slot(let a), .slot(let b)): return builder.build(a, b)
        case (.slot(let a), .constant(let b)): return builder.build(a, b)
        case (.slot(let a), .code(let b)): return builder.build(a, b)
        case (.constant(let a), .slot(let b)): return builder.build(a, b)
        case (.constant(let a), .constant(let b)): return builder.build(a, b)
        case (.constant(let a), .code(let b)): return builder.build(a, b)
        case (.code(let a), .slot(let b)): return builder.build(a, b)
        case (.code(let a), .constant(let b)): return builder.build(a, b)
        case (.code(let a), .code(let b)): return builder.build(a, b)
        }
    }

    /// `left op right` as a value.
    func compileBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, span: SourceSpan) -> Eval {
        let location = at(span)
        switch op {
        case .add: return withOperands(left, right, NumberCodeBuilder<AddNumbers>(location: location))
        case .subtract: return withOperands(left, right, NumberCodeBuilder<SubtractNumbers>(location: location))
        case .multiply: return withOperands(left, right, NumberCodeBuilder<MultiplyNumbers>(location: location))
        case .divide: return withOperands(left, right, NumberCodeBuilder<DivideNumbers>(location: location))
        case .remainder: return withOperands(left, right, NumberCodeBuilder<RemainderNumbers>(location: location))
        case .power: return withOperands(left, right, NumberCodeBuilder<PowerNumbers>(location: location))
        case .equal: return withOperands(left, right, NumberCodeBuilder<EqualNumbers>(location: location))
        case .notEqual: return withOperands(left, right, NumberCodeBuilder<NotEqualNumbers>(location: location))
        case .less: return withOperands(left, right, NumberCodeBuilder<LessNumbers>(location: location))
        case .lessEqual: return withOperands(left, right, NumberCodeBuilder<LessEqualNumbers>(location: location))
        case .greater: return withOperands(left, right, NumberCodeBuilder<GreaterNumbers>(location: location))
        case .greaterEqual: return withOperands(left, right, NumberCodeBuilder<GreaterEqualNumbers>(location: location))
        case .matmul:
            let leftCode = compileExpression(left), rightCode = compileExpression(right)
            return { frame in
                let a = try leftCode(frame), b = try rightCode(frame)
                do { return try Operators.binary(.matmul, a, b) } catch { throw RuntimeError.from(error, at: location) }
            }
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
        case .binary(.equal, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<EqualNumbers>(location: location))
        case .binary(.notEqual, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<NotEqualNumbers>(location: location))
        case .binary(.less, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<LessNumbers>(location: location))
        case .binary(.lessEqual, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<LessEqualNumbers>(location: location))
        case .binary(.greater, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<GreaterNumbers>(location: location))
        case .binary(.greaterEqual, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<GreaterEqualNumbers>(location: location))
        default:
            let code = compileExpression(expression)
            return { frame in try Compiler.truth(try code(frame), at: location) }
        }
    }

    /// An `if` statement; a comparison condition is decided inline.
    func compileIf(_ condition: Expression, then: @escaping Exec, else otherwise: @escaping Exec, location: SourceLocation) -> Exec {
        let conditionLocation = at(condition.span), machine = self.machine
        func builder<Op: NumberComparison>(_ op: Op.Type) -> IfComparisonBuilder<Op> {
            IfComparisonBuilder(
                location: location, conditionLocation: conditionLocation, machine: machine, then: then, otherwise: otherwise)
        }
        switch condition.kind {
        case .binary(.equal, let left, let right): return withOperands(left, right, builder(EqualNumbers.self))
        case .binary(.notEqual, let left, let right): return withOperands(left, right, builder(NotEqualNumbers.self))
        case .binary(.less, let left, let right): return withOperands(left, right, builder(LessNumbers.self))
        case .binary(.lessEqual, let left, let right): return withOperands(left, right, builder(LessEqualNumbers.self))
        case .binary(.greater, let left, let right): return withOperands(left, right, builder(GreaterNumbers.self))
        case .binary(.greaterEqual, let left, let right): return withOperands(left, right, builder(GreaterEqualNumbers.self))
        default:
            let test = compileCondition(condition)
            return { frame in
                try machine.checkInterrupt(location)
                return try test(frame) ? try then(frame) : try otherwise(frame)
            }
        }
    }

    /// A condition's value, which must be a bool.
    static func truth(_ value: Value, at location: SourceLocation) throws -> Bool {
        guard case .bool(let flag) = value else {
            throw RuntimeError("condition must be a bool, got \(value.typeName)", at: location)
        }
        return flag
    }
}
