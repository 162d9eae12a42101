/// What the resolver found out about a chunk: where every name lives, how each function's
/// frame is laid out, and which globals the chunk declares.

/// A variable declared inside a function or a block: a slot in its function's frame, and a box
/// as well when an inner function captures it.
final class LocalVariable {
    let name: String
    let isConstant: Bool
    let span: SourceSpan
    /// Its value slot in the frame (parameters take the first slots).
    let slot: Int
    /// Set when an inner function refers to it: it then lives in a box the closures share.
    var isCaptured = false
    /// Its box in the frame's box area, once the function is finished (captured variables only).
    var box: Int?

    init(name: String, isConstant: Bool, span: SourceSpan, slot: Int) {
        self.name = name
        self.isConstant = isConstant
        self.span = span
        self.slot = slot
    }
}

/// Where a name refers to.
enum VariableReference {
    case local(LocalVariable)
    /// A variable of an enclosing function, captured as the current function's upvalue `index`
    /// (box `index` of its frame).
    case upvalue(Int)
    case global(Int)
}

/// Where a function's upvalue comes from when its closure is created, in the enclosing frame.
enum UpvalueSource {
    case local(LocalVariable)
    case upvalue(Int)

    func isSame(as other: UpvalueSource) -> Bool {
        switch (self, other) {
        case (.local(let a), .local(let b)): return a === b
        case (.upvalue(let a), .upvalue(let b)): return a == b
        default: return false
        }
    }
}

/// The frame layout of a function (or of a chunk's top level).
final class FunctionLayout {
    /// Locals in declaration order; parameters first.
    var locals: [LocalVariable] = []
    /// Each upvalue's source in the enclosing frame: a captured local or an upvalue of its own.
    var upvalues: [UpvalueSource] = []
    let parameterCount: Int

    init(parameterCount: Int) { self.parameterCount = parameterCount }

    /// Value slots per call.
    var frameSize: Int { locals.count }
    /// Boxes per call: upvalues first, then captured locals.
    private(set) var boxCount = 0

    /// Gives each captured local its box, after the upvalues.
    func finish() {
        boxCount = upvalues.count
        for local in locals where local.isCaptured {
            local.box = boxCount
            boxCount += 1
        }
    }
}

/// A global the chunk declares, committed to the interpreter's globals once resolving succeeds.
struct GlobalDeclaration {
    var index: Int
    var entry: Globals.Entry
}

/// The resolver's findings for one chunk.
struct Resolution {
    /// By node id (variable expressions, declaration bindings, parameters, loop variables).
    var references: [Int: VariableReference] = [:]
    /// By function literal id.
    var functions: [Int: FunctionLayout] = [:]
    /// The top level's own frame (for locals of top-level blocks).
    var chunk = FunctionLayout(parameterCount: 0)
    var globals: [GlobalDeclaration] = []
}
