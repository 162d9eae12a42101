/// A built-in function: its spec (name, parameters, documentation) and its Swift body.
///
/// The interpreter binds the call's arguments to the spec (positional, then keyword, then
/// defaults, checking types) before the body runs, so the body reads them by position:
///
/// ```swift
/// NativeFunction(spec: BuiltinSpec(
///     name: "abs", parameters: [ParameterSpec("x", types: ["number"], doc: "a number")],
///     summary: "The absolute value of x.", example: "print(abs(-2))  # 2"
/// )) { args in .number(abs(try args.number(0))) }
/// ```
public final class NativeFunction {
    public let spec: BuiltinSpec
    public let body: (Arguments) throws -> Value
    /// For a method taken as a value (`let add = xs.append`), the object it belongs to.
    public let receiver: Value?

    public init(spec: BuiltinSpec, body: @escaping (Arguments) throws -> Value) {
        self.spec = spec
        self.body = body
        receiver = nil
    }

    private init(spec: BuiltinSpec, body: @escaping (Arguments) throws -> Value, receiver: Value) {
        self.spec = spec
        self.body = body
        self.receiver = receiver
    }

    /// This method bound to `receiver`.
    public func bound(to receiver: Value) -> NativeFunction {
        NativeFunction(spec: spec, body: body, receiver: receiver)
    }
}
