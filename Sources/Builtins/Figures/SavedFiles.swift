import Language

/// Where the built-ins report the files they write (figures, images), so that a notebook run
/// can embed the figures each cell saved.
///
/// One per interpreter (kept in its library storage): interpreters running side by side (two
/// notebooks, parallel tests) each see only the files their own code saved.
///
/// ```swift
/// let saved = SavedFiles.of(interpreter)
/// saved.observer = { print("wrote", $0) }
/// ```
public final class SavedFiles {
    /// Called with the path of every figure or image file written, in order.
    public var observer: ((String) -> Void)?

    /// The saved-files record of `interpreter`.
    public static func of(_ interpreter: Interpreter) -> SavedFiles {
        interpreter.storage("figures.saved-files") { SavedFiles() }
    }

    /// Reports a file written by a built-in that `interpreter` ran to its observer, if any.
    public static func record(_ path: String, by interpreter: Interpreter) {
        of(interpreter).observer?(path)
    }
}
