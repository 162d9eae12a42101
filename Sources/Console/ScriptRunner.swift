import Foundation
import Language

/// Runs script files: the whole file, or one cell (`# %%`) after the cells before it, and checks
/// files without running them. Errors go to `errors` as `file:line:col: error: message` with the
/// source line and a caret; the results are exit codes (0 ok, 1 error in the script, 2 usage,
/// 130 interrupted).
public struct ScriptRunner {
    /// The exit codes of `recast`.
    public enum ExitCode {
        /// Everything ran.
        public static let success: Int32 = 0
        /// The script had an error (parse, resolve or runtime), or a file could not be written.
        public static let scriptError: Int32 = 1
        /// The command line was wrong, or a file given on it could not be read.
        public static let usage: Int32 = 2
        /// Ctrl-C stopped the run (128 + SIGINT, as shells report it).
        public static let interrupted: Int32 = 130
    }

    private let interpreter: Interpreter
    private let errors: (String) -> Void

    /// A runner on `interpreter` (libraries opened), writing diagnostics with `errors`.
    public init(interpreter: Interpreter, errors: @escaping (String) -> Void = ScriptRunner.standardError) {
        self.interpreter = interpreter
        self.errors = errors
    }

    /// Writes to standard error after flushing standard output, so the two interleave in order.
    public static func standardError(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Runs the file at `path`; with `cell`, runs cells 1 to `cell` (only that one when `only`).
    public func run(path: String, cell: Int? = nil, only: Bool = false) -> Int32 {
        guard let source = read(path) else { return ExitCode.usage }
        guard let cell else { return run(source, name: path) }
        let cells = Cell.split(source)
        guard cells.indices.contains(cell - 1) else {
            errors("recast: --cell \(cell) is out of range (\(path) has \(cells.count) cell\(cells.count == 1 ? "" : "s"))\n")
            return ExitCode.usage
        }
        for chosen in (only ? [cells[cell - 1]] : Array(cells[..<cell])) {
            let status = run(chosen.source, name: path, firstLine: chosen.lines.lowerBound)
            guard status == ExitCode.success else { return status }
        }
        return ExitCode.success
    }

    /// Runs `source` (a whole script, such as standard input) under the name `name`.
    public func run(_ source: String, name: String, firstLine: Int = 1) -> Int32 {
        interpreter.interrupt.lower()
        switch interpreter.evaluate(source: source, name: name, firstLine: firstLine) {
        case .success:
            return ExitCode.success
        case .failure(let diagnostics):
            errors(diagnostics.description + "\n")
            return diagnostics.isInterrupted ? ExitCode.interrupted : ExitCode.scriptError
        }
    }

    /// Parses and resolves the file without running it, reporting every error.
    public func check(path: String) -> Int32 {
        guard let source = read(path) else { return ExitCode.usage }
        guard let diagnostics = interpreter.check(source: source, name: path) else { return ExitCode.success }
        errors(diagnostics.description + "\n")
        return ExitCode.scriptError
    }

    private func read(_ path: String) -> String? {
        do {
            return try ScriptRunner.contents(of: path)
        } catch {
            errors("recast: \(error)\n")
            return nil
        }
    }

    /// The text of the file at `path`, or an error saying why it cannot be read.
    static func contents(of path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConsoleError("cannot read '\(path)': no such file")
        }
        guard !isDirectory.boolValue else { throw ConsoleError("cannot read '\(path)': it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConsoleError("cannot read '\(path)': permission denied or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConsoleError("cannot read '\(path)': not UTF-8 text")
        }
        return text
    }
}
