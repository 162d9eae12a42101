/// An error a built-in or host object throws: its message is shown to the user, located at the
/// call that raised it.
///
/// Built-ins may throw any error; this one just carries a message. Write it like Lua does:
/// name the operation, say what was expected and what came.
public struct ScriptError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
