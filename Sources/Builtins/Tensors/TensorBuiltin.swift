import Language
import Tensors

/// How the tensor built-ins are made: each is a `NativeFunction` whose library errors are
/// reworded with the built-in's own name, so `x.reshape(4)` fails with
/// `reshape: cannot reshape [2, 3] (6 elements) into [4]` rather than with the Swift op's name.
///
/// The tables of built-ins are static constants marked `nonisolated(unsafe)`: `NativeFunction`
/// and `ParameterSpec` are not `Sendable`, but these are built once and never changed, so
/// interpreters on different threads can share them.
enum TensorBuiltin {
    /// A built-in running `body`, with tensor, NPY and file errors renamed after `spec.name`.
    static func make(_ spec: BuiltinSpec, _ body: @escaping (Arguments) throws -> Value) -> NativeFunction {
        NativeFunction(spec: spec) { args in
            do {
                return try body(args)
            } catch {
                throw renamed(error, as: spec.name)
            }
        }
    }

    /// A method of tensors (and parameters), documented under the `tensor` type.
    static func method(
        _ name: String, _ parameters: [ParameterSpec] = [], summary: String, doc: String = "", example: String,
        _ body: @escaping (Arguments) throws -> Value
    ) -> NativeFunction {
        make(
            BuiltinSpec(
                name: name, parameters: parameters, summary: summary, doc: doc, example: example, receiver: "tensor"),
            body)
    }

    /// `error` as the language shows it when it came out of the built-in called `name`: a
    /// ``TensorError`` keeps its message under the built-in's name; NPY and file errors, which
    /// already name the file, get the built-in's name in front; any other error is unchanged.
    static func renamed(_ error: any Error, as name: String) -> any Error {
        switch error {
        case let error as TensorError: return ScriptError("\(name): \(error.message)")
        case let error as NPYError: return ScriptError("\(name): \(error)")
        case let error as AtomicFileError: return ScriptError("\(name): \(error)")
        default: return error
        }
    }
}
