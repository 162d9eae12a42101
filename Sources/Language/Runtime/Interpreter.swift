/// Runs programs: parses, resolves and compiles each chunk of source, then runs it against the
/// interpreter's globals, which persist from one chunk to the next (as in a REPL or notebook).
///
/// ```swift
/// let interpreter = Interpreter(output: { print($0, terminator: "") })
/// interpreter.open(myLibrary)
/// switch interpreter.evaluate(source: "1 + 2", name: "<repl>", replMode: true) {
/// case .success(let value): print(value.repr)          // 3
/// case .failure(let errors): print(errors)             // file:line:col: error: ...
/// }
/// ```
///
/// Code runs on a thread with a large stack (see `LargeStack`); the call waits for it.
/// `interrupt.raise()` stops it at the next statement.
public final class Interpreter {
    /// Where `print` and other output go; replace it to capture output.
    public var output: (String) -> Void
    /// The libraries opened so far, for method calls on built-in types and `help`.
    public private(set) var registry = Registry()
    private(set) var globals = Globals()
    /// Raised (by Ctrl-C, or another thread) to stop this interpreter's running code.
    public let interrupt = InterruptFlag()
    let machine: Machine
    /// Per-interpreter state of libraries (see `storage(_:make:)`).
    var libraryState: [String: AnyObject] = [:]

    /// An interpreter with no libraries open, writing output with `output`.
    public init(output: @escaping (String) -> Void = { Swift.print($0, terminator: "") }) {
        self.output = output
        machine = Machine(interrupt: interrupt)
    }

    deinit {
        // Closures stored in globals hold compiled code that holds the globals: clear to free both.
        globals.clear()
    }

    /// Opens `library`: its functions and constants become globals, its methods become members
    /// of their types.
    public func open(_ library: Library) {
        registry.open(library)
        for function in library.functions { define(function.spec.name, .native(function)) }
        for constant in library.constants { define(constant.name, constant.value) }
    }

    /// Defines (or redefines) the built-in global `name`; user code may shadow it.
    public func define(_ name: String, _ value: Value) {
        let index = globals.declare(Globals.Entry(name: name, isConstant: true, isBuiltin: true, span: nil, file: nil))
        globals.set(index, to: value)
    }

    /// Forgets every user definition, keeping the opened libraries.
    public func reset() {
        let libraries = registry.libraries
        globals.clear()
        globals = Globals()
        registry = Registry()
        for library in libraries { open(library) }
    }

    // MARK: - Running code

    /// Runs `source` and returns the value of its last expression (nil when it ends with a
    /// statement), or its diagnostics: every parse error, or every resolve error, or the
    /// runtime error that stopped it.
    ///
    /// - Parameters:
    ///   - name: the file name diagnostics show (`<repl>` for the REPL).
    ///   - replMode: top-level `let` may then be declared again.
    ///   - firstLine: the line number of the source's first line (for a cell of a file).
    public func evaluate(source: String, name: String = "<input>", replMode: Bool = false, firstLine: Int = 1)
        -> Result<Value, Diagnostics>
    {
        let file = SourceFile(name: name, text: source, firstLine: firstLine)
        return LargeStack.run { [unowned self] in self.run(file, replMode: replMode) }
    }

    /// Checks `source` (parse and resolve) without running it; nil when it is fine.
    public func check(source: String, name: String = "<input>", replMode: Bool = false) -> Diagnostics? {
        let file = SourceFile(name: name, text: source)
        do {
            let statements = try Parser.parse(file)
            _ = try Resolver.resolve(statements, source: file, globals: globals, replMode: replMode)
            return nil
        } catch {
            return error
        }
    }

    private func run(_ file: SourceFile, replMode: Bool) -> Result<Value, Diagnostics> {
        let statements: [Statement]
        let resolution: Resolution
        do {
            statements = try Parser.parse(file)
            resolution = try Resolver.resolve(statements, source: file, globals: globals, replMode: replMode)
        } catch {
            return .failure(error)
        }
        for declaration in resolution.globals { globals.declare(declaration.entry) }
        let compiler = Compiler(resolution: resolution, globals: globals, machine: machine, interpreter: self, source: file)
        let body = compiler.compileChunk(statements)
        defer { if machine.depth == 0 && machine.valueTop == machine.valueBase { globals.releaseRetired() } }
        do {
            return .success(try runChunk(body, layout: resolution.chunk))
        } catch let error as RuntimeError {
            return .failure(Diagnostics([error.diagnostic]))
        } catch {
            let span = SourceSpan(line: file.firstLine, column: 1, length: 0)
            return .failure(Diagnostics([Diagnostic(stage: .runtime, message: "\(error)", source: file, span: span)]))
        }
    }

    /// Runs a chunk's code in a frame of its own on top of the stacks.
    private func runChunk(_ body: Exec, layout: FunctionLayout) throws -> Value {
        let base = machine.valueTop, boxes = machine.boxTop
        guard base + layout.frameSize < machine.valueLimit, boxes + layout.boxCount < machine.boxLimit else {
            throw ScriptError("stack overflow (no room for the chunk's variables)")
        }
        base.initialize(repeating: .nil, count: layout.frameSize)
        boxes.initialize(repeating: machine.emptyBox, count: layout.boxCount)
        machine.valueTop = base + layout.frameSize
        machine.boxTop = boxes + layout.boxCount
        defer {
            base.deinitialize(count: layout.frameSize)
            boxes.deinitialize(count: layout.boxCount)
            machine.valueTop = base
            machine.boxTop = boxes
        }
        do {
            if case .returned(let value) = try body(Frame(values: base, boxes: boxes)) { return value }
            return .nil
        } catch let signal as ControlSignal {
            if case .returned(let value) = signal.flow { return value }
            return .nil
        }
    }

    // MARK: - Calls

    /// Calls `function` (a language function or a built-in), as built-ins do with functions
    /// passed to them. Argument errors come back as `ScriptError`s, for the built-in's own call
    /// to report.
    public func call(_ function: Value, _ arguments: [Value], keywords: [(String, Value)] = []) throws -> Value {
        if case .native(let native) = function {
            do {
                return try native.body(
                    Arguments(binding: arguments, keywords: keywords, to: native.spec, receiver: native.receiver, interpreter: self))
            } catch let error as ArgumentError {
                throw ScriptError(error.message)
            }
        }
        guard case .function(let closure) = function else {
            throw ScriptError("cannot call a \(function.typeName)")
        }
        do {
            return try call(closure, arguments, keywords: keywords, site: CallSite(location: closure.prototype.location, arguments: []))
        } catch let error as RuntimeError where error.isAboutCall {
            throw ScriptError(error.message)
        } catch let error as RuntimeError {
            throw error.leaving(closure.name, calledAt: nil)
        }
    }

    /// Calls any callable value from a call site of the program.
    func call(_ function: Value, _ positional: [Value], keywords: [(String, Value)], site: CallSite) throws -> Value {
        switch function {
        case .function(let closure):
            do {
                return try call(closure, positional, keywords: keywords, site: site)
            } catch let error as RuntimeError {
                throw error.leaving(closure.name, calledAt: site.location)
            }
        case .native(let native):
            return try callNative(native, positional, keywords: keywords, receiver: native.receiver, site: site)
        default:
            throw RuntimeError("cannot call a \(function.typeName)", at: site.location)
        }
    }

    /// Binds keyword arguments to a language function's parameters and runs it.
    private func call(_ closure: Closure, _ positional: [Value], keywords: [(String, Value)], site: CallSite) throws -> Value {
        let prototype = closure.prototype
        var values = positional
        var missing: [Int] = []
        if !keywords.isEmpty {
            guard positional.count <= prototype.parameterCount else {
                throw RuntimeError(
                    "too many arguments to '\(prototype.name)' (it takes \(prototype.parameterCount), got \(positional.count))",
                    at: site.location, isAboutCall: true)
            }
            var slots = positional.map { Optional($0) } + Array(repeating: nil, count: prototype.parameterCount - positional.count)
            for (label, value) in keywords {
                let place = site.arguments.first { $0.label == label }?.location ?? site.location
                guard let index = prototype.parameterNames.firstIndex(of: label) else {
                    let valid = prototype.parameterNames.joined(separator: ", ")
                    throw RuntimeError(
                        "unknown keyword argument '\(label)' to '\(prototype.name)' (valid: \(valid.isEmpty ? "none" : valid))",
                        at: place, isAboutCall: true)
                }
                guard slots[index] == nil else {
                    throw RuntimeError("argument '\(label)' to '\(prototype.name)' is given twice", at: place, isAboutCall: true)
                }
                slots[index] = value
            }
            missing = slots.indices.filter { slots[$0] == nil }
            values = slots.map { $0 ?? .nil }
        }
        let base = machine.valueTop
        guard base + values.count < machine.valueLimit else {
            throw RuntimeError("stack overflow (too many values on the stack)", at: site.location, isAboutCall: true)
        }
        for (index, value) in values.enumerated() { (base + index).initialize(to: value) }
        machine.valueTop = base + values.count
        return try machine.invoke(closure, base: base, count: values.count, missing: missing, at: site.location)
    }

    /// Binds arguments to a built-in's spec and runs it; argument errors point at the argument.
    func callNative(
        _ native: NativeFunction, _ positional: [Value], keywords: [(String, Value)], receiver: Value?, site: CallSite
    ) throws -> Value {
        do {
            let arguments = try Arguments(
                binding: positional, keywords: keywords, to: native.spec, receiver: receiver, interpreter: self)
            return try native.body(arguments)
        } catch let error as ArgumentError {
            throw RuntimeError(error.message, at: site.place(of: error, spec: native.spec))
        } catch let error as RuntimeError {
            throw error.leaving(native.spec.name, calledAt: site.location)
        } catch {
            throw RuntimeError.from(error, at: site.location)
        }
    }

    // MARK: - Members

    /// `value.name`: a host object's member, or a method of a built-in type bound to the value.
    public func member(_ name: String, of value: Value) throws -> Value {
        if case .host(let host) = value, let member = try host.member(named: name) {
            return member
        }
        // Methods of built-in types, and of host types whose libraries declare them by typeName.
        if let method = registry.method(named: name, forType: value.typeName) {
            return .native(method.bound(to: value))
        }
        throw ScriptError(noMemberMessage(name, of: value))
    }

    func noMemberMessage(_ name: String, of value: Value) -> String {
        "\(value.typeName) has no member '\(name)'" + Suggestion.text(for: name, among: memberNames(of: value))
    }

    /// The members of `value`, for completion after a dot.
    public func memberNames(of value: Value) -> [String] {
        let methods = registry.methodNames(forType: value.typeName)
        if case .host(let host) = value { return host.memberNames + methods.filter { !host.memberNames.contains($0) } }
        return methods
    }

    // MARK: - Introspection for the REPL

    /// Every global name (built-ins and user definitions), sorted.
    public var globalNames: [String] { globals.entries.map(\.name).sorted() }

    /// The value of global `name`.
    public func value(ofGlobal name: String) -> Value? { globals.value(named: name) }

    /// The parameter names the callee called `name` accepts as keywords (for completion).
    public func keywordNames(forCallee name: String) -> [String] {
        switch globals.value(named: name) {
        case .function(let closure): return closure.parameterNames
        case .native(let native): return native.spec.parameters.filter { !$0.isVariadic }.map(\.name)
        default: return []
        }
    }

    /// The help text for a value: a built-in's spec, a function's signature, a host object's
    /// help or members, or a type's methods.
    public func help(for value: Value) -> String {
        switch value {
        case .native(let native):
            return native.spec.helpText
        case .function(let closure):
            return closure.signature
        case .host(let host):
            let members = host.memberNames.isEmpty ? "" : "\nmembers: " + host.memberNames.joined(separator: ", ")
            return (host.help ?? "a \(host.typeName): \(host.description)") + members
        default:
            let methods = registry.methodNames(forType: value.typeName)
            return "a \(value.typeName)" + (methods.isEmpty ? "" : "\nmethods: " + methods.joined(separator: ", "))
        }
    }
}

extension Interpreter {
    /// State a library keeps per interpreter (a random generator, a cache), made on first use.
    ///
    /// ```swift
    /// let random = args.interpreter.storage("core.random") { RandomState(seed: 0) }
    /// ```
    public func storage<T: AnyObject>(_ key: String, make: () -> T) -> T {
        if let existing = libraryState[key] as? T { return existing }
        let made = make()
        libraryState[key] = made
        return made
    }
}
