import Foundation
import Language

/// Reading and writing text files.
public enum FileLibrary {
    /// Opens the library in `interpreter` (Lua's `luaopen_io`).
    public static func open(_ interpreter: Interpreter) { interpreter.open(library) }

    static func read(_ args: Arguments) throws -> Value {
        let path = try args.string(0)
        do {
            return .string(try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ScriptError("read: cannot read '\(path)' (\(reason(error)))")
        }
    }

    /// Writes to a temporary file beside the target, then renames it: an interrupted write
    /// leaves the old file or none, never half a file.
    static func write(_ args: Arguments) throws -> Value {
        let path = try args.string(0), text = try args.string(1)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ScriptError("write: cannot write '\(path)' (\(reason(error)))")
        }
        return .nil
    }

    static func reason(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }

    public static var library: Library {
        Library(
            name: "files", summary: "Reading and writing text files; the environment.",
            functions: [
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "read", parameters: [ParameterSpec("path", types: ["string"], doc: "the file to read")],
                        summary: "The whole text of a file (UTF-8).", doc: "Fails, naming the path, when the file cannot be read.",
                        example: "write(\"notes.txt\", \"hello\")\nprint(read(\"notes.txt\"))  # hello"), body: read),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "write",
                        parameters: [
                            ParameterSpec("path", types: ["string"], doc: "the file to write"),
                            ParameterSpec("text", types: ["string"], doc: "its new content"),
                        ],
                        summary: "Replaces a file's text, atomically (temporary file, then rename).",
                        example: "write(\"notes.txt\", \"line 1\\nline 2\\n\")"), body: write),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "exists", parameters: [ParameterSpec("path", types: ["string"], doc: "a file or folder")],
                        summary: "True when the path exists.", example: "print(exists(\"/\"))  # true")
                ) { args in .bool(FileManager.default.fileExists(atPath: try args.string(0))) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "env",
                        parameters: [
                            ParameterSpec("name", types: ["string"], doc: "an environment variable"),
                            ParameterSpec("default", defaultValue: .nil, doc: "returned when it is not set"),
                        ],
                        summary: "The value of an environment variable, or the default when it is not set.",
                        example: "if env(\"RECAST_DATA\") != nil { print(\"real data available\") }")
                ) { args in
                    ProcessInfo.processInfo.environment[try args.string(0)].map(Value.string) ?? args[1]
                },
            ])
    }
}
