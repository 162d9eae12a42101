import Builtins
import Foundation
import Language

/// What each `recast` command does, for the executable to call once it has parsed its arguments.
/// Each returns the process's exit code (see `ScriptRunner.ExitCode`).
public enum Launcher {
    /// The version `recast --version` prints.
    public static let version = "0.1.0"

    /// `recast`: the REPL on a terminal; with standard input not a terminal, runs it as a script.
    public static func repl() -> Int32 {
        let interpreter = makeInterpreter()
        InterruptSignal.install(raising: interpreter.interrupt)
        guard let reader = EditLineReader(historyLimit: 1000, interrupt: interpreter.interrupt) else {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            return ScriptRunner(interpreter: interpreter).run(String(decoding: input, as: UTF8.self), name: "<stdin>")
        }
        print("Recast \(version): :help for commands, Tab to complete, Ctrl-D to leave.\n")
        Repl(interpreter: interpreter, reader: reader, history: HistoryFile()).run()
        return ScriptRunner.ExitCode.success
    }

    /// `recast run FILE [--cell N [--only]] [--seed N]`.
    public static func run(path: String, cell: Int?, only: Bool, seed: UInt64?) -> Int32 {
        let interpreter = makeInterpreter()
        InterruptSignal.install(raising: interpreter.interrupt)
        let runner = ScriptRunner(interpreter: interpreter)
        if let seed, let status = applySeed(seed, to: interpreter) { return status }
        return runner.run(path: path, cell: cell, only: only)
    }

    /// `recast check FILE`: parse and resolve only.
    public static func check(path: String) -> Int32 {
        ScriptRunner(interpreter: makeInterpreter()).check(path: path)
    }

    /// `recast notebook FILE -o REPORT [--keep-going] [--seed N]`.
    public static func notebook(path: String, report: String, keepGoing: Bool, seed: UInt64?) -> Int32 {
        let interpreter = makeInterpreter()
        InterruptSignal.install(raising: interpreter.interrupt)
        if let seed, let status = applySeed(seed, to: interpreter) { return status }
        return Notebook(interpreter: interpreter).run(script: path, report: report, keepGoing: keepGoing)
    }

    /// `recast doc [NAME] [--markdown]`: the documentation of one built-in, or the list of all of
    /// them; with `markdown`, the whole reference as docs/builtins.md holds it.
    public static func doc(name: String?, markdown: Bool) -> Int32 {
        let interpreter = makeInterpreter()
        if markdown && name == nil {
            print(DocGenerator.markdown(), terminator: "")
            return ScriptRunner.ExitCode.success
        }
        guard let name else {
            for library in interpreter.registry.libraries {
                print("\(library.name): \(library.summary)")
                for function in library.functions { print("  \(function.spec.signature)  \(function.spec.summary)") }
            }
            return ScriptRunner.ExitCode.success
        }
        guard let value = interpreter.value(ofGlobal: name) else {
            ScriptRunner.standardError("recast: doc: no built-in called '\(name)' (recast doc lists them)\n")
            return ScriptRunner.ExitCode.usage
        }
        print(interpreter.help(for: value))
        return ScriptRunner.ExitCode.success
    }

    /// An interpreter with every library open.
    static func makeInterpreter() -> Interpreter {
        Prelude.makeInterpreter()
    }

    /// Runs `seed(n)` as the script's first line would; an exit code when that fails.
    private static func applySeed(_ seed: UInt64, to interpreter: Interpreter) -> Int32? {
        guard let function = interpreter.value(ofGlobal: "seed") else {
            ScriptRunner.standardError("recast: --seed: no built-in 'seed' is available\n")
            return ScriptRunner.ExitCode.usage
        }
        do {
            _ = try interpreter.call(function, [.number(Double(seed))])
            return nil
        } catch {
            ScriptRunner.standardError("recast: --seed \(seed): \(error)\n")
            return ScriptRunner.ExitCode.usage
        }
    }
}
