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
/// shapes, so every builder is specialised for each of the nine combinations. Results are
/// closures wrapped in structs (`Code`, `TestCode`, `Step`): a closure returned as a bare
/// associated type would be called through conversion thunks.
protocol OperandPairBuilder {
    associatedtype Result
    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Result
}

/// `left op right` as a value.
struct NumberCodeBuilder<Op: NumberOperation>: OperandPairBuilder {
    let location: SourceLocation

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Code {
        let location = self.location
        return Code { frame in try NumberCodeBuilder.apply(left, right, frame, location) }
    }

    @inline(__always)
    static func apply<Left: Operand, Right: Operand>(_ left: Left, _ right: Right, _ frame: Frame, _ location: SourceLocation) throws -> Value {
        if Left.isPure && Right.isPure, let x = left.peekNumber(frame), let y = right.peekNumber(frame) {
            return Op.apply(x, y)
        }
        let a = try left.value(frame)
        let b = try right.value(frame)
        if case .number(let x) = a, case .number(let y) = b { return Op.apply(x, y) }
        return try slowPath(a, b, location)
    }

    @inline(never)
    static func slowPath(_ a: Value, _ b: Value, _ location: SourceLocation) throws -> Value {
        do { return try Operators.binary(Op.op, a, b) } catch { throw RuntimeError.from(error, at: location) }
    }
}

/// `return left op right` as a statement, the operation inlined.
struct ReturnNumberCodeBuilder<Op: NumberOperation>: OperandPairBuilder {
    let location: SourceLocation
    let statement: SourceLocation
    let machine: Machine

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Step {
        let location = self.location, statement = self.statement, machine = self.machine
        return Step(location: statement) { frame in
            try machine.checkInterrupt(statement)
            return .returned(try NumberCodeBuilder<Op>.apply(left, right, frame, location))
        }
    }
}

/// Builds code for one operation type (see `Compiler.withNumberOperation`).
protocol NumberOperationBuilder {
    associatedtype Result
    func build<Op: NumberOperation>(_ op: Op.Type) -> Result
}

/// `left op right` as a value, for any operation.
struct BinaryBuilder: NumberOperationBuilder {
    let compiler: Compiler
    let left: Expression
    let right: Expression
    let location: SourceLocation

    func build<Op: NumberOperation>(_ op: Op.Type) -> Code {
        compiler.withOperands(left, right, NumberCodeBuilder<Op>(location: location))
    }
}

/// `return left op right`, for any operation.
struct ReturnBinaryBuilder: NumberOperationBuilder {
    let compiler: Compiler
    let left: Expression
    let right: Expression
    let location: SourceLocation
    /// Where the return statement is, for interrupt reports.
    let statement: SourceLocation

    func build<Op: NumberOperation>(_ op: Op.Type) -> Step {
        compiler.withOperands(
            left, right, ReturnNumberCodeBuilder<Op>(location: location, statement: statement, machine: compiler.machine))
    }
}

/// `left op right` as a condition.
struct ComparisonCodeBuilder<Op: NumberComparison>: OperandPairBuilder {
    let location: SourceLocation

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> TestCode {
        let location = self.location
        return TestCode { frame in try ComparisonCodeBuilder.test(left, right, frame, location) }
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

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Step {
        let location = self.location, conditionLocation = self.conditionLocation, machine = self.machine
        let then = self.then, otherwise = self.otherwise
        return Step(location: location) { frame in
            try machine.checkInterrupt(location)
            if try ComparisonCodeBuilder<Op>.test(left, right, frame, conditionLocation) { return try then(frame) }
            return try otherwise(frame)
        }
    }
}

/// A compiled condition, wrapped for a plain calling convention (see `Code`).
struct TestCode {
    let test: (Frame) throws -> Bool
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
        guard op != .matmul else {
            let leftCode = compileExpression(left), rightCode = compileExpression(right)
            return { frame in
                let a = try leftCode(frame), b = try rightCode(frame)
                do { return try Operators.binary(.matmul, a, b) } catch { throw RuntimeError.from(error, at: location) }
            }
        }
        return withNumberOperation(op, BinaryBuilder(compiler: self, left: left, right: right, location: location)).eval
    }

    /// `return left op right`, the operation inlined into the return (used by every function whose
    /// last expression is arithmetic).
    func compileReturnBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, span: SourceSpan, location: SourceLocation) -> Exec? {
        guard op != .matmul else { return nil }
        let builder = ReturnBinaryBuilder(compiler: self, left: left, right: right, location: at(span), statement: location)
        return withNumberOperation(op, builder).exec
    }

    /// Calls `builder` with the operation type of `op` (any operator but `@`).
    private func withNumberOperation<Builder: NumberOperationBuilder>(_ op: BinaryOperator, _ builder: Builder) -> Builder.Result {
        switch op {
        case .add: return builder.build(AddNumbers.self)
        case .subtract: return builder.build(SubtractNumbers.self)
        case .multiply: return builder.build(MultiplyNumbers.self)
        case .divide: return builder.build(DivideNumbers.self)
        case .remainder: return builder.build(RemainderNumbers.self)
        case .power, .matmul: return builder.build(PowerNumbers.self)
        case .equal: return builder.build(EqualNumbers.self)
        case .notEqual: return builder.build(NotEqualNumbers.self)
        case .less: return builder.build(LessNumbers.self)
        case .lessEqual: return builder.build(LessEqualNumbers.self)
        case .greater: return builder.build(GreaterNumbers.self)
        case .greaterEqual: return builder.build(GreaterEqualNumbers.self)
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
            return withOperands(left, right, ComparisonCodeBuilder<EqualNumbers>(location: location)).test
        case .binary(.notEqual, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<NotEqualNumbers>(location: location)).test
        case .binary(.less, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<LessNumbers>(location: location)).test
        case .binary(.lessEqual, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<LessEqualNumbers>(location: location)).test
        case .binary(.greater, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<GreaterNumbers>(location: location)).test
        case .binary(.greaterEqual, let left, let right):
            return withOperands(left, right, ComparisonCodeBuilder<GreaterEqualNumbers>(location: location)).test
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
        case .binary(.equal, let left, let right): return withOperands(left, right, builder(EqualNumbers.self)).exec
        case .binary(.notEqual, let left, let right): return withOperands(left, right, builder(NotEqualNumbers.self)).exec
        case .binary(.less, let left, let right): return withOperands(left, right, builder(LessNumbers.self)).exec
        case .binary(.lessEqual, let left, let right): return withOperands(left, right, builder(LessEqualNumbers.self)).exec
        case .binary(.greater, let left, let right): return withOperands(left, right, builder(GreaterNumbers.self)).exec
        case .binary(.greaterEqual, let left, let right): return withOperands(left, right, builder(GreaterEqualNumbers.self)).exec
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
