/// Turns a resolved syntax tree into a tree of Swift closures that run it.
///
/// Each expression becomes an `Eval` and each statement an `Exec`; names become direct slot,
/// box or global-cell accesses, so nothing is looked up by name while running. Common shapes
/// get their own closures: arithmetic and comparisons on numbers (with a local, a constant or
/// `local op constant` operand), stores of arithmetic into a local, conditions that never build
/// a bool value, `while` over a comparison, `for` over a range literal, and calls that push
/// their arguments straight onto the machine's stack. Hot closures capture one object each (see
/// `StatementCode`).
///
/// Jumps travel as `Flow` values through statements. A function body's last expression (and the
/// last expressions of `if` branches in that position) is compiled as an implicit `return`.
final class Compiler {
    let resolution: Resolution
    let globals: Globals
    let machine: Machine
    unowned let interpreter: Interpreter
    let source: SourceFile
    /// The frame layout of the function being compiled.
    var layout: FunctionLayout
    /// The name of the function being compiled, nil at the top level.
    var functionName: String?

    init(resolution: Resolution, globals: Globals, machine: Machine, interpreter: Interpreter, source: SourceFile) {
        self.resolution = resolution
        self.globals = globals
        self.machine = machine
        self.interpreter = interpreter
        self.source = source
        layout = resolution.chunk
    }

    func at(_ span: SourceSpan) -> SourceLocation { SourceLocation(file: source, span: span) }

    /// The chunk's code: its functions are defined first (so they may be called above their
    /// declaration), then its statements run; the value of a last expression is returned.
    func compileChunk(_ statements: [Statement]) -> Exec {
        var definitions: [Step] = []
        var rest: [Statement] = []
        for statement in statements {
            if case .function(let binding, let function) = statement.kind {
                definitions.append(Step(location: at(statement.span), exec: compileFunctionDeclaration(binding, function)))
            } else {
                rest.append(statement)
            }
        }
        let body = compileStatements(rest, tail: true)
        return { frame in
            for definition in definitions { _ = try definition.exec(frame) }
            return try body(frame)
        }
    }

    // MARK: - Variables

    private func reference(_ id: Int) -> VariableReference? { resolution.references[id] }

    private func box(of local: LocalVariable) -> Int? { local.isCaptured ? local.box : nil }

    /// Code reading the variable node `id` refers to.
    func read(_ id: Int, span: SourceSpan) -> Eval {
        switch reference(id) {
        case .local(let local):
            if let box = box(of: local) { return { frame in frame.boxes[box].value } }
            let slot = local.slot
            return { frame in frame.values[slot] }
        case .upvalue(let index):
            return { frame in frame.boxes[index].value }
        case .global(let index):
            let cell = globals.cells[index].value, globals = self.globals
            return { _ in withExtendedLifetime(globals) { cell.pointee } }
        case nil:
            return unresolved(span)
        }
    }

    /// Code storing a value into the variable node `id` refers to. A declaration of a captured
    /// local (`declaring`) makes a fresh box, so each loop iteration's closures keep their own.
    func write(_ id: Int, span: SourceSpan, declaring: Bool) -> (Frame, Value) -> Void {
        switch reference(id) {
        case .local(let local):
            if let box = box(of: local) {
                if declaring { return { frame, value in frame.boxes[box] = Box(value) } }
                return { frame, value in frame.boxes[box].value = value }
            }
            let slot = local.slot
            return { frame, value in frame.values[slot] = value }
        case .upvalue(let index):
            return { frame, value in frame.boxes[index].value = value }
        case .global(let index):
            let cell = globals.cells[index], globals = self.globals
            return { _, value in globals.store(value, in: cell) }
        case nil:
            return { _, _ in }
        }
    }

    /// The slot of a local that lives unboxed in the frame, for the fast paths.
    func plainSlot(_ id: Int) -> Int? {
        if case .local(let local) = reference(id), box(of: local) == nil { return local.slot }
        return nil
    }

    /// Code for a name the resolver could not place; resolving reports it, so this only runs if
    /// a caller skipped resolving.
    private func unresolved(_ span: SourceSpan) -> Eval {
        let location = at(span)
        return { _ in throw RuntimeError("internal error: unresolved name", at: location) }
    }

    // MARK: - Statements

    /// A statement list, stopping at a jump. With `tail`, a last expression's value is returned.
    /// Each statement checks for an interrupt itself, so a one-statement list is just that statement.
    func compileStatements(_ statements: [Statement], tail: Bool) -> Exec {
        // `if c { ... }` followed by more statements runs as `if c { ...; rest } else { rest }`:
        // the common path of an early return then takes no extra step.
        if let index = statements.indices.dropLast().first(where: { statements[$0].isIfWithoutElse }),
            case .expression(let expression) = statements[index].kind,
            case .ifElse(let condition, let then, _) = expression.kind
        {
            let before = Array(statements[..<index])
            let rest = compileStatements(Array(statements[(index + 1)...]), tail: tail)
            let thenPart = compileStatements(then.statements, tail: false)
            let thenAndRest =
                then.statements.last?.alwaysJumps == true ? thenPart : SequenceCode(first: thenPart, second: rest).exec
            let branch = compileIf(condition, then: thenAndRest, else: rest, location: at(statements[index].span))
            if before.isEmpty { return branch }
            return SequenceCode(first: compileStatements(before, tail: false), second: branch).exec
        }
        let steps = statements.enumerated().map { index, statement in
            Step(location: at(statement.span), exec: compileStatement(statement, tail: tail && index == statements.count - 1))
        }
        switch steps.count {
        case 0:
            return { _ in .next }
        case 1:
            return steps[0].exec
        case 2:
            return SequenceCode(first: steps[0].exec, second: steps[1].exec).exec
        default:
            return StepsCode(steps: ContiguousArray(steps)).exec
        }
    }

    /// A statement; its code first checks for an interrupt.
    func compileStatement(_ statement: Statement, tail: Bool) -> Exec {
        let location = at(statement.span), machine = self.machine
        switch statement.kind {
        case .expression(let expression):
            return compileExpressionStatement(expression, tail: tail, location: location)
        case .declaration(_, let binding, let value):
            if let value, let slot = plainSlot(binding.id) {
                return compileSlotStore(slot, value, location: location)
            }
            let store = write(binding.id, span: binding.span, declaring: true)
            guard let value else {
                return { frame in
                    try machine.checkInterrupt(location)
                    store(frame, .nil)
                    return .next
                }
            }
            let evaluate = compileExpression(value)
            return { frame in
                try machine.checkInterrupt(location)
                store(frame, try evaluate(frame))
                return .next
            }
        case .function(let binding, let function):
            return compileFunctionDeclaration(binding, function)
        case .assignment(let target, let op, let value):
            return compileAssignment(target, op, value, span: statement.span)
        case .forLoop(let bindings, let sequence, let body):
            return compileFor(bindings, sequence, body, span: statement.span)
        case .whileLoop(let condition, let body):
            return compileWhile(condition, body: compileStatements(body.statements, tail: false), location: location)
        case .breakLoop:
            return { _ in
                try machine.checkInterrupt(location)
                return .breakLoop
            }
        case .continueLoop:
            return { _ in
                try machine.checkInterrupt(location)
                return .continueLoop
            }
        case .returnValue(let value):
            guard let value else { return { _ in .returned(.nil) } }
            return compileReturn(value)
        }
    }

    /// `return value` (also the implicit return of a body's last expression). Unlike other
    /// statements, it does not check for an interrupt: it never repeats, and whatever runs long
    /// goes through a loop or a call, whose statements check.
    private func compileReturn(_ value: Expression) -> Exec {
        if case .variable = value.kind, let slot = plainSlot(value.id) {
            return ReturnSlotCode(slot: slot).exec
        }
        if case .binary(let op, let left, let right) = value.kind,
            let code = compileReturnBinary(op, left, right, span: value.span)
        {
            return code
        }
        return ReturnCode(value: compileExpression(value)).exec
    }

    /// An expression as a statement: `if` and blocks run as statements (jumps inside travel as
    /// `Flow`); in tail position the value is returned.
    private func compileExpressionStatement(_ expression: Expression, tail: Bool, location: SourceLocation) -> Exec {
        let machine = self.machine
        switch expression.kind {
        case .ifElse(let condition, let then, let otherwise):
            let thenPart = compileStatements(then.statements, tail: tail)
            let elsePart: Exec
            if let otherwise { elsePart = compileStatements(otherwise.statements, tail: tail) } else { elsePart = { _ in .next } }
            return compileIf(condition, then: thenPart, else: elsePart, location: location)
        case .block(let block):
            let run = compileStatements(block.statements, tail: tail)
            return { frame in
                try machine.checkInterrupt(location)
                return try run(frame)
            }
        default:
            if tail { return compileReturn(expression) }
            return ExpressionStatementCode(value: compileExpression(expression), location: location, machine: machine).exec
        }
    }

    /// `fn name() {}`: for a captured local, the box exists before the closure is made, so the
    /// function can call itself.
    private func compileFunctionDeclaration(_ binding: Binding, _ function: FunctionLiteral) -> Exec {
        let makeClosure = compileFunction(function)
        if case .local(let local) = reference(binding.id), let box = box(of: local) {
            return { frame in
                let cell = Box(.nil)
                frame.boxes[box] = cell
                cell.value = try makeClosure(frame)
                return .next
            }
        }
        let store = write(binding.id, span: binding.span, declaring: true)
        return { frame in
            store(frame, try makeClosure(frame))
            return .next
        }
    }

    private func compileAssignment(_ target: Expression, _ op: BinaryOperator?, _ value: Expression, span: SourceSpan) -> Exec {
        let location = at(span), machine = self.machine
        switch target.kind {
        case .variable:
            if let slot = plainSlot(target.id) {
                return compileSlotStore(slot, value, update: op.map { (op: $0, variable: target) }, location: location)
            }
            let evaluate: Eval
            if let op { evaluate = compileBinary(op, target, value, span: span) } else { evaluate = compileExpression(value) }
            let store = write(target.id, span: target.span, declaring: false)
            return { frame in
                try machine.checkInterrupt(location)
                store(frame, try evaluate(frame))
                return .next
            }
        case .index(let object, let indices):
            let objectCode = compileExpression(object), indexCode = compileIndices(indices)
            let valueCode = compileExpression(value)
            return { frame in
                try machine.checkInterrupt(location)
                let container = try objectCode(frame)
                let positions = try indexCode(frame)
                var newValue = try valueCode(frame)
                do {
                    if let op { newValue = try Operators.binary(op, try Indexing.get(container, positions), newValue) }
                    try Indexing.set(container, positions, to: newValue)
                } catch {
                    throw RuntimeError.from(error, at: location)
                }
                return .next
            }
        case .member(let object, let name, _):
            let objectCode = compileExpression(object), valueCode = compileExpression(value)
            let interpreter = self.interpreter
            return { [unowned interpreter] frame in
                try machine.checkInterrupt(location)
                let receiver = try objectCode(frame)
                var newValue = try valueCode(frame)
                do {
                    guard case .host(let host) = receiver else {
                        throw ScriptError("cannot set member '\(name)' of a \(receiver.typeName)")
                    }
                    if let op { newValue = try Operators.binary(op, try interpreter.member(name, of: receiver), newValue) }
                    try host.setMember(named: name, to: newValue)
                } catch {
                    throw RuntimeError.from(error, at: location)
                }
                return .next
            }
        default:
            return { _ in throw RuntimeError("cannot assign to this expression", at: location) }
        }
    }

    // MARK: - Loops

    /// Runs a loop body, turning a jump thrown from a block used as a value into a `Flow`.
    @inline(__always)
    static func runLoopBody(_ body: Exec, _ frame: Frame) throws -> Flow {
        do {
            return try body(frame)
        } catch let signal as ControlSignal {
            return signal.flow
        }
    }

    private func compileFor(_ bindings: [Binding], _ sequence: Expression, _ body: Block, span: SourceSpan) -> Exec {
        let run = compileStatements(body.statements, tail: false)
        let location = at(span), machine = self.machine
        let bind = compileLoopBinding(bindings, location: location)
        if bindings.count == 1, let slot = plainSlot(bindings[0].id),
            case .range(let lowerExpression, let upperExpression, let inclusive) = sequence.kind
        {
            let lowerCode = compileExpression(lowerExpression), upperCode = compileExpression(upperExpression)
            let lowerLocation = at(lowerExpression.span), upperLocation = at(upperExpression.span)
            return { frame in
                try machine.checkInterrupt(location)
                let lower = try Compiler.rangeBound(try lowerCode(frame), at: lowerLocation)
                let upper = try Compiler.rangeBound(try upperCode(frame), at: upperLocation) + (inclusive ? 1 : 0)
                var index = lower
                while index < upper {
                    try machine.checkInterrupt(location)
                    frame.values[slot] = .number(Double(index))
                    switch try Compiler.runLoopBody(run, frame) {
                    case .next, .continueLoop: break
                    case .breakLoop: return .next
                    case let flow: return flow
                    }
                    index += 1
                }
                return .next
            }
        }
        let sequenceCode = compileExpression(sequence)
        return { frame in
            try machine.checkInterrupt(location)
            let elements = try Compiler.iterator(over: try sequenceCode(frame), at: location)
            while let element = try elements() {
                try machine.checkInterrupt(location)
                try bind(frame, element)
                switch try Compiler.runLoopBody(run, frame) {
                case .next, .continueLoop: continue
                case .breakLoop: return .next
                case let flow: return flow
                }
            }
            return .next
        }
    }

    private struct Store {
        let write: (Frame, Value) -> Void
    }

    /// Stores one element into the loop variable, or unpacks it into several (`for k, v in pairs`).
    private func compileLoopBinding(_ bindings: [Binding], location: SourceLocation) -> (Frame, Value) throws -> Void {
        if bindings.count == 1, let binding = bindings.first { return write(binding.id, span: binding.span, declaring: true) }
        let stores = bindings.map { Store(write: write($0.id, span: $0.span, declaring: true)) }
        let names = bindings.map(\.name).joined(separator: ", ")
        return { frame, value in
            guard case .list(let list) = value, list.elements.count == stores.count else {
                let got = if case .list(let list) = value { "a list of \(list.elements.count)" } else { "a \(value.typeName)" }
                throw RuntimeError("for \(names): each element must be a list of \(stores.count) values, got \(got)", at: location)
            }
            for (store, element) in zip(stores, list.elements) { store.write(frame, element) }
        }
    }

    /// A range bound: a number without a fractional part.
    static func rangeBound(_ value: Value, at location: SourceLocation) throws -> Int {
        guard let bound = value.integer else {
            let got = value.typeName == "number" ? value.repr : value.typeName
            throw RuntimeError("range bounds must be integers, got \(got)", at: location)
        }
        return bound
    }

    /// The elements of what a `for` loop walks: a range, list (as it grows or shrinks), string
    /// (its characters), dictionary (its keys) or iterable host object.
    static func iterator(over sequence: Value, at location: SourceLocation) throws -> () throws -> Value? {
        switch sequence {
        case .range(let range):
            var index = 0
            let count = range.count
            return {
                guard index < count else { return nil }
                defer { index += 1 }
                return .int(range.element(index))
            }
        case .list(let list):
            var index = 0
            return {
                guard index < list.elements.count else { return nil }
                defer { index += 1 }
                return list.elements[index]
            }
        case .string(let text):
            var characters = text.makeIterator()
            return { characters.next().map { .string(String($0)) } }
        case .dictionary(let dictionary):
            var keys = dictionary.keys.makeIterator()
            return { keys.next()?.value }
        case .host(let host):
            do {
                if let next = try host.makeIterator() {
                    return {
                        do { return try next() } catch { throw RuntimeError.from(error, at: location) }
                    }
                }
            } catch {
                throw RuntimeError.from(error, at: location)
            }
            throw RuntimeError("cannot iterate over a \(host.typeName)", at: location)
        default:
            throw RuntimeError("cannot iterate over a \(sequence.typeName)", at: location)
        }
    }
}

extension Statement {
    /// True for `return`, `break` and `continue`, after which a block never goes on.
    fileprivate var alwaysJumps: Bool {
        switch kind {
        case .returnValue, .breakLoop, .continueLoop: return true
        default: return false
        }
    }

    /// True for an `if` statement with no `else`.
    fileprivate var isIfWithoutElse: Bool {
        if case .expression(let expression) = kind, case .ifElse(_, _, nil) = expression.kind { return true }
        return false
    }
}

/// Two statements (or statement lists) in a row, stopping at a jump.
struct SequenceCode: StatementCode {
    let first: Exec
    let second: Exec

    @inline(__always) func run(_ frame: Frame) throws -> Flow {
        let flow = try first(frame)
        guard case .next = flow else { return flow }
        return try second(frame)
    }
}

/// Three or more statements in a row, stopping at a jump.
struct StepsCode: StatementCode {
    let steps: ContiguousArray<Step>

    func run(_ frame: Frame) throws -> Flow {
        for step in steps {
            let flow = try step.exec(frame)
            guard case .next = flow else { return flow }
        }
        return .next
    }
}

/// `return local`, the local in a slot.
struct ReturnSlotCode: StatementCode {
    let slot: Int

    @inline(__always) func run(_ frame: Frame) throws -> Flow { .returned(frame.values[slot]) }
}

/// `return value`.
struct ReturnCode: StatementCode {
    let value: Eval

    @inline(__always) func run(_ frame: Frame) throws -> Flow { .returned(try value(frame)) }
}

/// An expression evaluated for its effect.
struct ExpressionStatementCode: StatementCode {
    let value: Eval
    let location: SourceLocation
    let machine: Machine

    @inline(__always) func run(_ frame: Frame) throws -> Flow {
        try machine.checkInterrupt(location)
        _ = try value(frame)
        return .next
    }
}
