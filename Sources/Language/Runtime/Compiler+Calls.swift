/// How a call site knows its arguments, to point an argument error at the right one.
struct CallSite {
    let location: SourceLocation
    /// Each argument's label (nil when positional) and place, in the order written.
    let arguments: [(label: String?, location: SourceLocation)]

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
        let positional = ContiguousArray(arguments.filter { $0.label == nil }.map { compileExpression($0.value) })
        let keywords = arguments.compactMap { argument in argument.label.map { ($0, compileExpression(argument.value)) } }
        let interpreter = self.interpreter
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
                    guard let member else {
                        throw RuntimeError(interpreter.noMemberMessage(name, of: receiver), at: memberLocation)
                    }
                    return try interpreter.call(member, values, keywords: named, site: site)
                }
                guard let method = interpreter.registry.method(named: name, forType: receiver.typeName) else {
                    throw RuntimeError(interpreter.noMemberMessage(name, of: receiver), at: memberLocation)
                }
                return try interpreter.callNative(method, values, keywords: named, receiver: receiver, site: site)
            }
        }
        let calleeCode = compileExpression(callee)
        guard keywords.isEmpty else {
            return { [unowned interpreter] frame in
                let function = try calleeCode(frame)
                return try interpreter.call(
                    function, try Compiler.evaluate(positional, frame), keywords: try Compiler.evaluate(keywords, frame),
                    site: site)
            }
        }
        let machine = self.machine, count = positional.count
        return { [unowned interpreter] frame in
            let function = try calleeCode(frame)
            guard case .function(let closure) = function else {
                return try interpreter.call(function, try Compiler.evaluate(positional, frame), keywords: [], site: site)
            }
            let base = try Compiler.push(positional, frame, machine, site)
            do {
                return try machine.invoke(closure, base: base, count: count, at: site.location)
            } catch let error as RuntimeError {
                throw error.leaving(closure.name, calledAt: site.location)
            }
        }
    }

    /// Evaluates arguments onto the machine's value stack, each above the last, so calls made
    /// while evaluating the later ones stay clear of them; returns where they start.
    @inline(__always)
    static func push(_ codes: ContiguousArray<Eval>, _ frame: Frame, _ machine: Machine, _ site: CallSite) throws
        -> UnsafeMutablePointer<Value>
    {
        let base = machine.valueTop
        guard base + codes.count < machine.valueLimit else {
            throw RuntimeError("stack overflow (too many values on the stack)", at: site.location)
        }
        var pushed = 0
        do {
            while pushed < codes.count {
                let value = try codes[pushed](frame)
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

    static func evaluate(_ codes: ContiguousArray<Eval>, _ frame: Frame) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(codes.count)
        for code in codes { values.append(try code(frame)) }
        return values
    }

    static func evaluate(_ codes: [(String, Eval)], _ frame: Frame) throws -> [(String, Value)] {
        try codes.map { ($0.0, try $0.1(frame)) }
    }
}
