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

/// `slot op constant` (`n - 1`, `i % 7`) read as one operand: the arithmetic is done in place,
/// with no closure call. The operator is a run-time value (one type for all of them keeps the
/// specialisations few); its switch is predictable in a loop.
struct SlotConstantOperand: Operand {
    let slot: Int
    let op: BinaryOperator
    let constant: Double
    let location: SourceLocation
    static var isPure: Bool { true }

    @inline(__always) func value(_ frame: Frame) throws -> Value {
        if let number = peekNumber(frame) { return .number(number) }
        do {
            return try Operators.binary(op, frame.values[slot], .number(constant))
        } catch {
            throw RuntimeError.from(error, at: location)
        }
    }

    @inline(__always) func peekNumber(_ frame: Frame) -> Double? {
        guard case .number(let x) = frame.values[slot] else { return nil }
        switch op {
        case .add: return x + constant
        case .subtract: return x - constant
        case .multiply: return x * constant
        case .divide: return x / constant
        case .remainder: return Operators.remainder(x, constant)
        default: return nil
        }
    }

    /// The arithmetic operators it takes.
    static func accepts(_ op: BinaryOperator) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .divide, .remainder: return true
        default: return false
        }
    }
}

struct CodeOperand: Operand {
    let code: Eval
    static var isPure: Bool { false }
    @inline(__always) func value(_ frame: Frame) throws -> Value { try code(frame) }
    @inline(__always) func peekNumber(_ frame: Frame) -> Double? { nil }
}

/// Builds code from two operands of statically known shapes; `Compiler.withOperands` picks the
/// shapes, so every builder is specialised for each of the sixteen combinations. Results are
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
        Code(eval: NumberCode<Op, Left, Right>(left: left, right: right, location: location).eval)
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

struct NumberCode<Op: NumberOperation, Left: Operand, Right: Operand>: ExpressionCode {
    let left: Left
    let right: Right
    let location: SourceLocation

    @inline(__always) func evaluate(_ frame: Frame) throws -> Value {
        try NumberCodeBuilder<Op>.apply(left, right, frame, location)
    }
}

/// `return left op right` as a statement, the operation inlined.
struct ReturnNumberCodeBuilder<Op: NumberOperation>: OperandPairBuilder {
    let location: SourceLocation

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Step {
        Step(location: location, exec: ReturnNumberCode<Op, Left, Right>(left: left, right: right, location: location).exec)
    }
}

struct ReturnNumberCode<Op: NumberOperation, Left: Operand, Right: Operand>: StatementCode {
    let left: Left
    let right: Right
    let location: SourceLocation

    @inline(__always) func run(_ frame: Frame) throws -> Flow {
        .returned(try NumberCodeBuilder<Op>.apply(left, right, frame, location))
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

    func build<Op: NumberOperation>(_ op: Op.Type) -> Step {
        compiler.withOperands(left, right, ReturnNumberCodeBuilder<Op>(location: location))
    }
}

/// `left op right` as a condition.
struct ComparisonCodeBuilder<Op: NumberComparison>: OperandPairBuilder {
    let location: SourceLocation

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> TestCode {
        TestCode(test: ComparisonCode<Op, Left, Right>(left: left, right: right, location: location).condition)
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

struct ComparisonCode<Op: NumberComparison, Left: Operand, Right: Operand>: ConditionCode {
    let left: Left
    let right: Right
    let location: SourceLocation

    @inline(__always) func test(_ frame: Frame) throws -> Bool {
        try ComparisonCodeBuilder<Op>.test(left, right, frame, location)
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
        Step(
            location: location,
            exec: IfComparisonCode<Op, Left, Right>(
                left: left, right: right, location: location, conditionLocation: conditionLocation, machine: machine,
                then: then, otherwise: otherwise
            ).exec)
    }
}

struct IfComparisonCode<Op: NumberComparison, Left: Operand, Right: Operand>: StatementCode {
    let left: Left
    let right: Right
    let location: SourceLocation
    let conditionLocation: SourceLocation
    let machine: Machine
    let then: Exec
    let otherwise: Exec

    @inline(__always) func run(_ frame: Frame) throws -> Flow {
        try machine.checkInterrupt(location)
        if try ComparisonCodeBuilder<Op>.test(left, right, frame, conditionLocation) { return try then(frame) }
        return try otherwise(frame)
    }
}

/// `while left op right { body }`, the comparison inlined into the loop.
struct WhileComparisonBuilder<Op: NumberComparison>: OperandPairBuilder {
    let location: SourceLocation
    let conditionLocation: SourceLocation
    let machine: Machine
    let body: Exec

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Step {
        Step(
            location: location,
            exec: WhileComparisonCode<Op, Left, Right>(
                left: left, right: right, location: location, conditionLocation: conditionLocation, machine: machine,
                body: body
            ).exec)
    }
}

struct WhileComparisonCode<Op: NumberComparison, Left: Operand, Right: Operand>: StatementCode {
    let left: Left
    let right: Right
    let location: SourceLocation
    let conditionLocation: SourceLocation
    let machine: Machine
    let body: Exec

    func run(_ frame: Frame) throws -> Flow {
        try machine.checkInterrupt(location)
        while try ComparisonCodeBuilder<Op>.test(left, right, frame, conditionLocation) {
            try machine.checkInterrupt(location)
            switch try Compiler.runLoopBody(body, frame) {
            case .next, .continueLoop: continue
            case .breakLoop: return .next
            case let flow: return flow
            }
        }
        return .next
    }
}

/// `slot = left op right` (and `slot op= right`) as a statement, the operation inlined into the store.
struct SlotStoreBuilder<Op: NumberOperation>: OperandPairBuilder {
    let slot: Int
    let location: SourceLocation
    let statement: SourceLocation
    let machine: Machine

    func build<Left: Operand, Right: Operand>(_ left: Left, _ right: Right) -> Step {
        Step(
            location: statement,
            exec: SlotStoreCode<Op, Left, Right>(
                left: left, right: right, slot: slot, location: location, statement: statement, machine: machine
            ).exec)
    }
}

struct SlotStoreCode<Op: NumberOperation, Left: Operand, Right: Operand>: StatementCode {
    let left: Left
    let right: Right
    let slot: Int
    let location: SourceLocation
    let statement: SourceLocation
    let machine: Machine

    @inline(__always) func run(_ frame: Frame) throws -> Flow {
        try machine.checkInterrupt(statement)
        frame.values[slot] = try NumberCodeBuilder<Op>.apply(left, right, frame, location)
        return .next
    }
}

/// `slot = left op right`, for any operation.
struct SlotStoreOperationBuilder: NumberOperationBuilder {
    let compiler: Compiler
    let left: Expression
    let right: Expression
    let slot: Int
    let location: SourceLocation
    let statement: SourceLocation

    func build<Op: NumberOperation>(_ op: Op.Type) -> Step {
        compiler.withOperands(
            left, right, SlotStoreBuilder<Op>(slot: slot, location: location, statement: statement, machine: compiler.machine))
    }
}

/// `slot = value`.
struct SlotStoreValueCode: StatementCode {
    let value: Eval
    let slot: Int
    let location: SourceLocation
    let machine: Machine

    @inline(__always) func run(_ frame: Frame) throws -> Flow {
        try machine.checkInterrupt(location)
        frame.values[slot] = try value(frame)
        return .next
    }
}

/// A compiled condition, wrapped for a plain calling convention (see `Code`).
struct TestCode {
    let test: (Frame) throws -> Bool
}

extension Compiler {
    /// How an operand is read: from a slot, as a constant, as `slot op constant`, or by running code.
    enum OperandShape {
        case slot(SlotOperand)
        case constant(ConstantOperand)
        case slotConstant(SlotConstantOperand)
        case code(CodeOperand)
    }

    func shape(_ expression: Expression) -> OperandShape {
        switch expression.kind {
        case .number(let number):
            return .constant(ConstantOperand(constant: .number(number)))
        case .variable:
            if let slot = plainSlot(expression.id) { return .slot(SlotOperand(slot: slot)) }
        case .binary(let op, let left, let right):
            if SlotConstantOperand.accepts(op), case .variable = left.kind, let slot = plainSlot(left.id),
                case .number(let constant) = right.kind
            {
                return .slotConstant(SlotConstantOperand(slot: slot, op: op, constant: constant, location: at(expression.span)))
            }
        default:
            break
        }
        return .code(CodeOperand(code: compileExpression(expression)))
    }

    /// Builds code for `left` and `right` with `builder`, specialised on their shapes.
    func withOperands<Builder: OperandPairBuilder>(_ left: Expression, _ right: Expression, _ builder: Builder) -> Builder.Result {
        switch shape(left) {
        case .slot(let a): return withOperand(a, right, builder)
        case .constant(let a): return withOperand(a, right, builder)
        case .slotConstant(let a): return withOperand(a, right, builder)
        case .code(let a): return withOperand(a, right, builder)
        }
    }

    private func withOperand<Left: Operand, Builder: OperandPairBuilder>(_ left: Left, _ right: Expression, _ builder: Builder)
        -> Builder.Result
    {
        switch shape(right) {
        case .slot(let b): return builder.build(left, b)
        case .constant(let b): return builder.build(left, b)
        case .slotConstant(let b): return builder.build(left, b)
        case .code(let b): return builder.build(left, b)
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
    func compileReturnBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, span: SourceSpan) -> Exec? {
        guard op != .matmul else { return nil }
        let builder = ReturnBinaryBuilder(compiler: self, left: left, right: right, location: at(span))
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

    /// A `while` loop; a comparison condition is decided inline.
    func compileWhile(_ condition: Expression, body: @escaping Exec, location: SourceLocation) -> Exec {
        let conditionLocation = at(condition.span), machine = self.machine
        func builder<Op: NumberComparison>(_ op: Op.Type) -> WhileComparisonBuilder<Op> {
            WhileComparisonBuilder(location: location, conditionLocation: conditionLocation, machine: machine, body: body)
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
                while try test(frame) {
                    try machine.checkInterrupt(location)
                    switch try Compiler.runLoopBody(body, frame) {
                    case .next, .continueLoop: continue
                    case .breakLoop: return .next
                    case let flow: return flow
                    }
                }
                return .next
            }
        }
    }

    /// Code storing `value` into a local's slot, or with `update`, `variable op= value`;
    /// arithmetic is inlined into the store.
    func compileSlotStore(
        _ slot: Int, _ value: Expression, update: (op: BinaryOperator, variable: Expression)? = nil, location: SourceLocation
    ) -> Exec {
        let machine = self.machine
        if let update, update.op != .matmul {
            let builder = SlotStoreOperationBuilder(
                compiler: self, left: update.variable, right: value, slot: slot, location: location, statement: location)
            return withNumberOperation(update.op, builder).exec
        }
        if update == nil, case .binary(let op, let left, let right) = value.kind, op != .matmul {
            let builder = SlotStoreOperationBuilder(
                compiler: self, left: left, right: right, slot: slot, location: at(value.span), statement: location)
            return withNumberOperation(op, builder).exec
        }
        let evaluate = update.map { compileBinary($0.op, $0.variable, value, span: location.span) } ?? compileExpression(value)
        return SlotStoreValueCode(value: evaluate, slot: slot, location: location, machine: machine).exec
    }

    /// A condition's value, which must be a bool.
    static func truth(_ value: Value, at location: SourceLocation) throws -> Bool {
        guard case .bool(let flag) = value else {
            throw RuntimeError("condition must be a bool, got \(value.typeName)", at: location)
        }
        return flag
    }
}
