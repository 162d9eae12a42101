/// How a call site knows its arguments, to point an argument error at the right one. A class,
/// for the reason `SourceLocation` is one.
final class CallSite {
    let location: SourceLocation
    /// Each argument's label (nil when positional) and place, in the order written.
    let arguments: [(label: String?, location: SourceLocation)]

    init(location: SourceLocation, arguments: [(label: String?, location: SourceLocation)]) {
        self.location = location
        self.arguments = arguments
    }

    /// Where the argument an `ArgumentError` blames is, or the call itself.
    func place(of error: ArgumentError, spec: BuiltinSpec) -> SourceLocation {
        if let keyword = error.keyword, let argument = arguments.first(where: { $0.label == keyword }) {
            return argument.location
        }
        guard let position = error.position, position >= 1 else { return location }
        let positional = arguments.filter { $0.label == nil }
        if position <= positional.count { return positional[position - 1].location }
        let parameters = spec.parameters.filter { !$0.isVariadic }
        if position <= parameters.count,
            let argument = arguments.first(where: { $0.label == parameters[position - 1].name })
        {
            return argument.location
        }
        return location
    }
}

extension Compiler {
    func compileCall(_ callee: Expression, _ arguments: [Argument], span: SourceSpan) -> Eval {
        let site = CallSite(location: at(span), arguments: arguments.map { ($0.label, at($0.span)) })
        let positionalExpressions = arguments.filter { $0.label == nil }.map(\.value)
        let interpreter = self.interpreter
        // Positional arguments to anything but a method: the fast paths.
        if !arguments.contains(where: { $0.label != nil }) && !callee.isMember {
            if case .variable = callee.kind, case .global(let index)? = resolution.references[callee.id] {
                return callCode(GlobalCallee(cell: globals.cells[index], globals: globals), positionalExpressions, site)
            }
            return callCode(CodeCallee(code: compileExpression(callee)), positionalExpressions, site)
        }
        let positional = ContiguousArray(positionalExpressions.map { Code(eval: compileExpression($0)) })
        let keywords = arguments.compactMap { argument in argument.label.map { ($0, Code(eval: compileExpression(argument.value))) } }
        if case .member(let object, let name, let nameSpan) = callee.kind {
            let objectCode = compileExpression(object)
            let memberLocation = at(nameSpan)
            return { [unowned interpreter] frame in
                let receiver = try objectCode(frame)
                let values = try Compiler.evaluate(positional, frame)
                let named = try Compiler.evaluate(keywords, frame)
                if case .host(let host) = receiver {
                    let member: Value?
                    do { member = try host.member(named: name) } catch { throw RuntimeError.from(error, at: memberLocation) }
                    if let member { return try interpreter.call(member, values, keywords: named, site: site) }
                }
                guard let method = interpreter.registry.method(named: name, forType: receiver.typeName) else {
                    throw RuntimeError(interpreter.noMemberMessage(name, of: receiver), at: memberLocation)
                }
                return try interpreter.callNative(method, values, keywords: named, receiver: receiver, site: site)
            }
        }
        let calleeCode = compileExpression(callee)
        return { [unowned interpreter] frame in
            let function = try calleeCode(frame)
            return try interpreter.call(
                function, try Compiler.evaluate(positional, frame), keywords: try Compiler.evaluate(keywords, frame), site: site)
        }
    }

    /// A call with positional arguments only, specialised on where the callee comes from, on
    /// the number of arguments and, for one or two, on how each is read (see `Operand`).
    private func callCode<Callee: CalleeSource>(_ callee: Callee, _ arguments: [Expression], _ site: CallSite) -> Eval {
        switch arguments.count {
        case 0:
            return callCode(callee, NoArguments(), site)
        case 1:
            return withOperand(arguments[0], OneArgumentBuilder(compiler: self, callee: callee, site: site)).eval
        case 2:
            return withOperands(arguments[0], arguments[1], TwoArgumentsBuilder(compiler: self, callee: callee, site: site)).eval
        default:
            return callCode(callee, ManyArguments(codes: ContiguousArray(arguments.map { Code(eval: compileExpression($0)) })), site)
        }
    }

    /// Builds code for one operand with `builder`, specialised on its shape.
    func withOperand<Builder: OperandBuilder>(_ expression: Expression, _ builder: Builder) -> Builder.Result {
        switch shape(expression) {
        case .slot(let a): return builder.build(a)
        case .constant(let a): return builder.build(a)
        case .slotConstant(let a): return builder.build(a)
        case .code(let a): return builder.build(a)
        }
    }

    func callCode<Callee: CalleeSource, List: ArgumentList>(_ callee: Callee, _ arguments: List, _ site: CallSite) -> Eval {
        CallCode(callee: callee, arguments: arguments, site: site, machine: machine, interpreter: interpreter).eval
    }

    @inline(__always)
    static func invoke<List: ArgumentList>(
        _ closure: Closure, _ arguments: List, _ frame: Frame, _ machine: Machine, _ site: CallSite
    ) throws -> Value {
        let base = try arguments.push(frame, machine, site)
        do {
            return try machine.invoke(closure, base: base, count: arguments.count, at: site.location)
        } catch let error as RuntimeError {
            throw error.leaving(closure.name, calledAt: site.location)
        }
    }

    /// Evaluates arguments onto the machine's value stack, each above the last, so calls made
    /// while evaluating the later ones stay clear of them; returns where they start.
    @inline(__always)
    static func push(_ codes: ContiguousArray<Code>, _ frame: Frame, _ machine: Machine, _ site: CallSite) throws
        -> UnsafeMutablePointer<Value>
    {
        let base = machine.valueTop
        guard base + codes.count < machine.valueLimit else {
            throw RuntimeError("stack overflow (too many values on the stack)", at: site.location)
        }
        var pushed = 0
        do {
            while pushed < codes.count {
                let value = try codes[pushed].eval(frame)
                (base + pushed).initialize(to: value)
                pushed += 1
                machine.valueTop = base + pushed
            }
        } catch {
            base.deinitialize(count: pushed)
            machine.valueTop = base
            throw error
        }
        return base
    }

    static func evaluate(_ codes: ContiguousArray<Code>, _ frame: Frame) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(codes.count)
        for code in codes { values.append(try code.eval(frame)) }
        return values
    }

    static func evaluate(_ codes: [(String, Code)], _ frame: Frame) throws -> [(String, Value)] {
        try codes.map { ($0.0, try $0.1.eval(frame)) }
    }
}

extension Expression {
    /// True for `object.name`, whose call is a method call.
    fileprivate var isMember: Bool {
        if case .member = kind { return true }
        return false
    }
}

/// A call with positional arguments only: a language function's frame is set up on the machine's
/// stacks; anything else callable goes through `Interpreter.call`.
struct CallCode<Callee: CalleeSource, List: ArgumentList>: ExpressionCode {
    let callee: Callee
    let arguments: List
    let site: CallSite
    let machine: Machine
    unowned let interpreter: Interpreter

    @inline(__always) func evaluate(_ frame: Frame) throws -> Value {
        if let unretained = callee.unretainedClosure {
            return try unretained._withUnsafeGuaranteedRef { closure in
                try Compiler.invoke(closure, arguments, frame, machine, site)
            }
        }
        let function = try callee.value(frame)
        guard case .function(let closure) = function else {
            return try interpreter.call(function, try arguments.values(frame), keywords: [], site: site)
        }
        return try Compiler.invoke(closure, arguments, frame, machine, site)
    }
}

/// Where a call's callee comes from.
protocol CalleeSource {
    func value(_ frame: Frame) throws -> Value
    /// The callee when it is a language function that stays alive without being retained.
    var unretainedClosure: Unmanaged<Closure>? { get }
}

/// A callee named by a global: read straight from its cell, a function without retaining it
/// (`Globals.store` keeps a replaced function alive until the run ends).
struct GlobalCallee: CalleeSource {
    let cell: GlobalCell
    /// Keeps the cell's storage alive as long as the code.
    let globals: Globals
    @inline(__always) func value(_ frame: Frame) throws -> Value { cell.value.pointee }
    @inline(__always) var unretainedClosure: Unmanaged<Closure>? { cell.callee.pointee }
}

struct CodeCallee: CalleeSource {
    let code: Eval
    @inline(__always) func value(_ frame: Frame) throws -> Value { try code(frame) }
    @inline(__always) var unretainedClosure: Unmanaged<Closure>? { nil }
}

/// A call's positional arguments: evaluated onto the machine's stack for a language function,
/// or into an array for a built-in.
protocol ArgumentList {
    var count: Int { get }
    func push(_ frame: Frame, _ machine: Machine, _ site: CallSite) throws -> UnsafeMutablePointer<Value>
    func values(_ frame: Frame) throws -> [Value]
}

extension ArgumentList {
    /// Room for `count` more values on the stack, or a stack overflow error.
    @inline(__always)
    func reserve(_ machine: Machine, _ site: CallSite) throws -> UnsafeMutablePointer<Value> {
        let base = machine.valueTop
        guard base + count < machine.valueLimit else {
            throw RuntimeError("stack overflow (too many values on the stack)", at: site.location)
        }
        return base
    }
}

struct NoArguments: ArgumentList {
    var count: Int { 0 }
    @inline(__always) func push(_ frame: Frame, _ machine: Machine, _ site: CallSite) throws -> UnsafeMutablePointer<Value> {
        try reserve(machine, site)
    }
    func values(_ frame: Frame) throws -> [Value] { [] }
}

struct OneArgument<First: Operand>: ArgumentList {
    let first: First
    var count: Int { 1 }
    @inline(__always) func push(_ frame: Frame, _ machine: Machine, _ site: CallSite) throws -> UnsafeMutablePointer<Value> {
        let value = try first.value(frame)
        let base = try reserve(machine, site)
        base.initialize(to: value)
        machine.valueTop = base + 1
        return base
    }
    func values(_ frame: Frame) throws -> [Value] { [try first.value(frame)] }
}

struct TwoArguments<First: Operand, Second: Operand>: ArgumentList {
    let first: First
    let second: Second
    var count: Int { 2 }
    @inline(__always) func push(_ frame: Frame, _ machine: Machine, _ site: CallSite) throws -> UnsafeMutablePointer<Value> {
        let a = try first.value(frame)
        let b = try second.value(frame)
        let base = try reserve(machine, site)
        base.initialize(to: a)
        (base + 1).initialize(to: b)
        machine.valueTop = base + 2
        return base
    }
    func values(_ frame: Frame) throws -> [Value] { [try first.value(frame), try second.value(frame)] }
}

/// Builds code from one operand of a statically known shape (see `Compiler.withOperand`).
protocol OperandBuilder {
    associatedtype Result
    func build<A: Operand>(_ operand: A) -> Result
}

/// A call with one positional argument.
struct OneArgumentBuilder<Callee: CalleeSource>: OperandBuilder {
    let compiler: Compiler
    let callee: Callee
    let site: CallSite

    func build<A: Operand>(_ operand: A) -> Code {
        Code(eval: compiler.callCode(callee, OneArgument(first: operand), site))
    }
}

/// A call with two positional arguments.
struct TwoArgumentsBuilder<Callee: CalleeSource>: OperandPairBuilder {
    let compiler: Compiler
    let callee: Callee
    let site: CallSite

    func build<A: Operand, B: Operand>(_ first: A, _ second: B) -> Code {
        Code(eval: compiler.callCode(callee, TwoArguments(first: first, second: second), site))
    }
}

/// Three or more arguments, pushed one by one (see `Compiler.push`).
struct ManyArguments: ArgumentList {
    let codes: ContiguousArray<Code>
    var count: Int { codes.count }
    func push(_ frame: Frame, _ machine: Machine, _ site: CallSite) throws -> UnsafeMutablePointer<Value> {
        try Compiler.push(codes, frame, machine, site)
    }
    func values(_ frame: Frame) throws -> [Value] { try Compiler.evaluate(codes, frame) }
}
