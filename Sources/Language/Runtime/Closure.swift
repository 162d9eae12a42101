/// A function written in the language, with the boxes of the variables it captured.
public final class Closure {
    let prototype: FunctionPrototype
    let captures: ContiguousArray<Box>
    // Copies of the prototype's fields a call reads, one load away.
    let body: Exec
    let frameSize: Int
    let parameterCount: Int
    let boxCount: Int
    /// No boxes and no captured parameters: a call only sets up value slots.
    let isSimple: Bool

    init(prototype: FunctionPrototype, captures: ContiguousArray<Box>) {
        self.prototype = prototype
        self.captures = captures
        body = prototype.body
        frameSize = prototype.frameSize
        parameterCount = prototype.parameterCount
        boxCount = prototype.boxCount
        isSimple = prototype.boxCount == 0 && prototype.boxedParameters.isEmpty
    }

    /// The declared name, or `anonymous`.
    public var name: String { prototype.name }

    /// The parameter names, in order (for keyword completion and help).
    public var parameterNames: [String] { prototype.parameterNames }

    /// `fn name(a, b = ...)`.
    public var signature: String {
        let parameters = zip(prototype.parameterNames, prototype.defaults).map { $1 == nil ? $0 : $0 + " = ..." }
        return "fn \(name)(\(parameters.joined(separator: ", ")))"
    }
}

/// The compiled form of a function literal, shared by every closure made from it.
final class FunctionPrototype {
    let name: String
    let parameterNames: [String]
    /// The default value of each parameter (nil when required), evaluated in the callee's frame.
    let defaults: [Code?]
    let frameSize: Int
    let boxCount: Int
    let upvalueCount: Int
    /// Parameters that inner functions capture: moved from their slot into a box on entry.
    let boxedParameters: [(slot: Int, box: Int)]
    let body: Exec
    let location: SourceLocation

    init(
        name: String, parameterNames: [String], defaults: [Code?], frameSize: Int, boxCount: Int, upvalueCount: Int,
        boxedParameters: [(slot: Int, box: Int)], body: @escaping Exec, location: SourceLocation
    ) {
        self.name = name
        self.parameterNames = parameterNames
        self.defaults = defaults
        self.frameSize = frameSize
        self.boxCount = boxCount
        self.upvalueCount = upvalueCount
        self.boxedParameters = boxedParameters
        self.body = body
        self.location = location
    }

    var parameterCount: Int { parameterNames.count }
}

/// A captured variable: the cell a function's frame and its closures share.
final class Box {
    @exclusivity(unchecked) var value: Value

    init(_ value: Value) { self.value = value }
}
