/// Finds what every name refers to before anything runs, and lays out each function's frame.
///
/// Locals get slots in their function's frame; a local that an inner function captures also
/// gets a box, shared with the closure. Top-level declarations are globals. The resolver reports
/// undefined names (suggesting a close one), assignments to `let` constants and functions,
/// declarations that clash, names used at the top level before their declaration runs, and
/// `break`, `continue` or `return` out of place. In the REPL a top-level name may be declared
/// again (a notebook habit); in a file it may not.
struct Resolver {
    private final class FunctionState {
        let layout: FunctionLayout
        let enclosing: FunctionState?
        var scopes: [[String: LocalVariable]] = []
        var loopDepth = 0
        var isChunk: Bool { enclosing == nil }

        init(layout: FunctionLayout, enclosing: FunctionState?) {
            self.layout = layout
            self.enclosing = enclosing
        }

        func addUpvalue(_ source: UpvalueSource) -> Int {
            if let index = layout.upvalues.firstIndex(where: { $0.isSame(as: source) }) { return index }
            layout.upvalues.append(source)
            return layout.upvalues.count - 1
        }
    }

    /// A global declared by this chunk, while resolving.
    private struct PendingGlobal {
        var index: Int
        var entry: Globals.Entry
        /// The top-level statement that declares it.
        var statement: Int
        /// Functions are defined before the chunk runs, so they may be used above their declaration.
        var isHoisted: Bool
    }

    private let source: SourceFile
    private let globals: Globals
    private let replMode: Bool
    private var resolution = Resolution()
    private var diagnostics: [Diagnostic] = []
    private var pending: [String: PendingGlobal] = [:]
    private var state: FunctionState
    /// The index of the top-level statement being resolved.
    private var statementIndex = 0

    private init(source: SourceFile, globals: Globals, replMode: Bool) {
        self.source = source
        self.globals = globals
        self.replMode = replMode
        state = FunctionState(layout: resolution.chunk, enclosing: nil)
    }

    /// Resolves a chunk's statements against the interpreter's globals.
    static func resolve(
        _ statements: [Statement], source: SourceFile, globals: Globals, replMode: Bool
    ) throws(Diagnostics) -> Resolution {
        var resolver = Resolver(source: source, globals: globals, replMode: replMode)
        resolver.declareTopLevel(statements)
        for (index, statement) in statements.enumerated() {
            resolver.statementIndex = index
            resolver.resolve(statement)
        }
        resolver.resolution.chunk.finish()
        guard resolver.diagnostics.isEmpty else { throw Diagnostics(resolver.diagnostics) }
        resolver.resolution.globals = resolver.pending.values.sorted { $0.index < $1.index }.map {
            GlobalDeclaration(index: $0.index, entry: $0.entry)
        }
        return resolver.resolution
    }

    private mutating func error(_ message: String, _ span: SourceSpan) {
        diagnostics.append(Diagnostic(stage: .resolve, message: message, source: source, span: span))
    }

    // MARK: - Globals

    /// Declares every top-level name first, so functions may refer to globals declared below them.
    private mutating func declareTopLevel(_ statements: [Statement]) {
        var nextIndex = globals.count
        for (index, statement) in statements.enumerated() {
            let binding: Binding, isConstant: Bool, isFunction: Bool
            switch statement.kind {
            case .declaration(let constant, let declared, _):
                (binding, isConstant, isFunction) = (declared, constant, false)
            case .function(let declared, _):
                (binding, isConstant, isFunction) = (declared, true, true)
            default:
                continue
            }
            if let earlier = pending[binding.name] {
                if !replMode {
                    error("'\(binding.name)' is already declared at \(earlier.entry.span ?? binding.span)", binding.span)
                    continue
                }
            } else if let existing = globals.index(of: binding.name), !replMode, !globals.entries[existing].isBuiltin {
                let entry = globals.entries[existing]
                let place = entry.span.map { " at \(entry.file ?? source.name):\($0)" } ?? ""
                error("'\(binding.name)' is already declared\(place)", binding.span)
                continue
            }
            let globalIndex: Int
            if let earlier = pending[binding.name] {
                globalIndex = earlier.index
            } else if let existing = globals.index(of: binding.name) {
                globalIndex = existing
            } else {
                globalIndex = nextIndex
                nextIndex += 1
            }
            let entry = Globals.Entry(
                name: binding.name, isConstant: isConstant, isBuiltin: false, span: binding.span, file: source.name)
            pending[binding.name] = PendingGlobal(index: globalIndex, entry: entry, statement: index, isHoisted: isFunction)
        }
    }

    /// The global `name` with whether it is a constant, checking top-level order.
    private mutating func global(_ name: String, at span: SourceSpan) -> (index: Int, entry: Globals.Entry)? {
        if let declared = pending[name] {
            let earlierValue = globals.index(of: name) != nil && replMode
            if state.isChunk && !declared.isHoisted && declared.statement >= statementIndex && !earlierValue {
                error("'\(name)' is used before its declaration", span)
            }
            return (declared.index, declared.entry)
        }
        if let index = globals.index(of: name) { return (index, globals.entries[index]) }
        return nil
    }

    // MARK: - Names

    private mutating func lookup(_ name: String, in function: FunctionState) -> VariableReference? {
        for scope in function.scopes.reversed() {
            if let local = scope[name] { return .local(local) }
        }
        guard let enclosing = function.enclosing else { return nil }
        switch lookup(name, in: enclosing) {
        case .local(let local):
            local.isCaptured = true
            return .upvalue(function.addUpvalue(.local(local)))
        case .upvalue(let index):
            return .upvalue(function.addUpvalue(.upvalue(index)))
        case .global(let index):
            return .global(index)
        case nil:
            return nil
        }
    }

    /// Resolves a use of `name` (node `id`); returns whether it may be assigned and what it is.
    @discardableResult
    private mutating func reference(_ name: String, id: Int, span: SourceSpan) -> (isConstant: Bool, kind: String)? {
        if let found = lookup(name, in: state) {
            resolution.references[id] = found
            return (constness(of: found, name: name), "constant")
        }
        if let (index, entry) = global(name, at: span) {
            resolution.references[id] = .global(index)
            return (entry.isConstant, entry.isBuiltin ? "built-in" : "constant")
        }
        error("undefined name '\(name)'" + suggestion(for: name), span)
        return nil
    }

    private func constness(of reference: VariableReference, name: String) -> Bool {
        switch reference {
        case .local(let local): return local.isConstant
        case .upvalue: return upvalueLocal(name)?.isConstant ?? false
        case .global(let index): return globals.entries.indices.contains(index) && globals.entries[index].isConstant
        }
    }

    /// The captured local an upvalue named `name` stands for, found through the enclosing functions.
    private func upvalueLocal(_ name: String) -> LocalVariable? {
        var function = state.enclosing
        while let current = function {
            for scope in current.scopes.reversed() {
                if let local = scope[name] { return local }
            }
            function = current.enclosing
        }
        return nil
    }

    private mutating func declareLocal(_ binding: Binding, isConstant: Bool) {
        if state.scopes.last?[binding.name] != nil, let earlier = state.scopes.last?[binding.name] {
            error("'\(binding.name)' is already declared in this block at \(earlier.span)", binding.span)
            return
        }
        let local = LocalVariable(name: binding.name, isConstant: isConstant, span: binding.span, slot: state.layout.locals.count)
        state.layout.locals.append(local)
        state.scopes[state.scopes.count - 1][binding.name] = local
        resolution.references[binding.id] = .local(local)
    }

    /// Declares a name bound by `let`, `var` or `fn`: a global at the top level, a local elsewhere.
    private mutating func declare(_ binding: Binding, isConstant: Bool) {
        if state.isChunk && state.scopes.isEmpty {
            if let declared = pending[binding.name] {
                resolution.references[binding.id] = .global(declared.index)
            }
        } else {
            declareLocal(binding, isConstant: isConstant)
        }
    }

    /// Names visible here, for "did you mean" suggestions.
    private func visibleNames() -> [String] {
        var names = Array(pending.keys) + globals.entries.map(\.name)
        var function: FunctionState? = state
        while let current = function {
            for scope in current.scopes { names += scope.keys }
            function = current.enclosing
        }
        return names
    }

    private func suggestion(for name: String) -> String { Suggestion.text(for: name, among: visibleNames()) }

    // MARK: - Statements

    private mutating func resolve(_ statement: Statement) {
        switch statement.kind {
        case .declaration(let isConstant, let binding, let value):
            if let value { resolve(value) }
            declare(binding, isConstant: isConstant)
        case .function(let binding, let function):
            declare(binding, isConstant: true)
            resolve(function)
        case .expression(let expression):
            resolve(expression)
        case .assignment(let target, _, let value):
            resolveAssignmentTarget(target)
            resolve(value)
        case .forLoop(let bindings, let sequence, let body):
            resolve(sequence)
            beginScope()
            var seen: Set<String> = []
            for binding in bindings {
                if seen.insert(binding.name).inserted {
                    declareLocal(binding, isConstant: true)
                } else {
                    error("loop variable '\(binding.name)' appears twice", binding.span)
                }
            }
            state.loopDepth += 1
            resolveStatements(body.statements)
            state.loopDepth -= 1
            endScope()
        case .whileLoop(let condition, let body):
            resolve(condition)
            state.loopDepth += 1
            resolve(body)
            state.loopDepth -= 1
        case .breakLoop:
            if state.loopDepth == 0 { error("'break' outside a loop", statement.span) }
        case .continueLoop:
            if state.loopDepth == 0 { error("'continue' outside a loop", statement.span) }
        case .returnValue(let value):
            if state.isChunk { error("'return' outside a function", statement.span) }
            if let value { resolve(value) }
        }
    }

    private mutating func resolveAssignmentTarget(_ target: Expression) {
        switch target.kind {
        case .variable(let name):
            guard let found = reference(name, id: target.id, span: target.span) else { return }
            if found.isConstant {
                error("cannot assign to \(found.kind) '\(name)'" + (found.kind == "constant" ? " (declared with 'let' or 'fn'; use 'var' for a variable)" : ""), target.span)
            }
        default:
            resolve(target)
        }
    }

    private mutating func beginScope() { state.scopes.append([:]) }

    private mutating func endScope() { state.scopes.removeLast() }

    private mutating func resolveStatements(_ statements: [Statement]) {
        for statement in statements { resolve(statement) }
    }

    private mutating func resolve(_ block: Block) {
        beginScope()
        resolveStatements(block.statements)
        endScope()
    }

    private mutating func resolve(_ function: FunctionLiteral) {
        let layout = FunctionLayout(parameterCount: function.parameters.count)
        resolution.functions[function.id] = layout
        let enclosing = state
        state = FunctionState(layout: layout, enclosing: enclosing)
        beginScope()
        var seen: Set<String> = []
        for parameter in function.parameters {
            if let defaultValue = parameter.defaultValue { resolve(defaultValue) }
            guard seen.insert(parameter.name).inserted else {
                error("parameter '\(parameter.name)' appears twice", parameter.span)
                continue
            }
            declareLocal(Binding(name: parameter.name, span: parameter.span, id: parameter.id), isConstant: false)
        }
        resolveStatements(function.body.statements)
        endScope()
        layout.finish()
        state = enclosing
    }

    // MARK: - Expressions

    private mutating func resolve(_ expression: Expression) {
        switch expression.kind {
        case .number, .string, .bool, .nil:
            break
        case .interpolation(let parts):
            for case .expression(let inner) in parts { resolve(inner) }
        case .variable(let name):
            reference(name, id: expression.id, span: expression.span)
        case .list(let elements):
            for element in elements { resolve(element) }
        case .dictionary(let entries):
            for entry in entries {
                resolve(entry.key)
                resolve(entry.value)
            }
        case .unary(_, let operand):
            resolve(operand)
        case .binary(_, let left, let right), .logical(_, let left, let right), .range(let left, let right, _):
            resolve(left)
            resolve(right)
        case .call(let callee, let arguments):
            resolve(callee)
            for argument in arguments { resolve(argument.value) }
        case .member(let object, _, _):
            resolve(object)
        case .index(let object, let indices):
            resolve(object)
            for index in indices {
                switch index {
                case .value(let value): resolve(value)
                case .slice(let start, let end, let step, _):
                    for part in [start, end, step] { if let part { resolve(part) } }
                }
            }
        case .function(let function):
            resolve(function)
        case .ifElse(let condition, let then, let otherwise):
            resolve(condition)
            resolve(then)
            if let otherwise { resolve(otherwise) }
        case .block(let block):
            resolve(block)
        }
    }
}
