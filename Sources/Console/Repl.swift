import Foundation
import Language

/// The interactive session: IPython-style prompts (`In [n]:`, `   ...:`), results shown as
/// `Out[n]:` and kept as `_` and `Out[n]`, input continued over several lines while a bracket or
/// block is open (Lua's rule: the parser stopped at the end of the input), `:` commands, Ctrl-C
/// that drops the line or stops the running code, and history saved after every line.
///
/// ```swift
/// let repl = Repl(interpreter: interpreter, reader: reader, history: HistoryFile())
/// repl.run()
/// ```
public final class Repl {
    private let interpreter: Interpreter
    private let reader: LineReader
    private var history: HistoryFile?
    private let write: (String) -> Void
    /// The number of the next input, as IPython counts.
    public private(set) var count = 1
    /// The results so far, by input number: the `Out` dictionary of the language.
    private var outputs = DictionaryObject()
    /// The globals the session started with (built-ins, `_`, `Out`): `:vars` lists the others.
    private var builtinNames: Set<String> = []
    /// The lines of the entry being typed, for completion of a call opened on an earlier line.
    private var pending: [String] = []
    private var warnedAboutHistory = false

    /// A session on `interpreter` (libraries already opened), reading from `reader` and writing
    /// results, errors and command output with `write`.
    public init(
        interpreter: Interpreter, reader: LineReader, history: HistoryFile? = nil,
        write: @escaping (String) -> Void = { print($0, terminator: "") }
    ) {
        self.interpreter = interpreter
        self.reader = reader
        self.history = history
        self.write = write
        for line in history?.lines ?? [] { reader.addHistory(line) }
        reader.complete = { [weak self] text in self?.complete(text) ?? .none }
        defineSessionGlobals()
    }

    /// Reads and runs entries until `:quit` or the end of the input.
    public func run() {
        while true {
            switch readEntry() {
            case .end:
                write("\n")
                return
            case .interrupted:
                continue
            case .command(let line):
                guard perform(line) else { return }
                write("\n")
            case .code(let source):
                evaluate(source)
                count += 1
                write("\n")
            }
        }
    }

    // MARK: - Reading

    private enum Entry {
        case code(String)
        case command(String)
        case interrupted
        case end
    }

    private var prompt: String { "In [\(count)]: " }
    private var continuationPrompt: String { String(repeating: " ", count: max(prompt.count - 5, 0)) + "...: " }

    /// Reads lines until they form a complete entry.
    private func readEntry() -> Entry {
        pending = []
        defer { pending = [] }
        while true {
            switch reader.readLine(prompt: pending.isEmpty ? prompt : continuationPrompt) {
            case .endOfInput: return .end
            case .interrupted: return .interrupted
            case .line(let line):
                remember(line)
                if pending.isEmpty {
                    if line.allSatisfy(\.isWhitespace) { continue }
                    if line.trimmingSpaces.hasPrefix(":") { return .command(line) }
                }
                pending.append(line)
                let source = pending.joined(separator: "\n")
                if interpreter.check(source: source, name: inputName, replMode: true)?.isIncompleteInput == true { continue }
                return .code(source)
            }
        }
    }

    private var inputName: String { "In[\(count)]" }

    private func remember(_ line: String) {
        reader.addHistory(line)
        do {
            try history?.add(line)
        } catch {
            guard !warnedAboutHistory else { return }
            warnedAboutHistory = true
            write("warning: \(error) (history is not saved)\n")
        }
    }

    /// What Tab completes: command names, paths after `:load`, code everywhere else.
    func complete(_ line: String) -> Completion {
        if pending.isEmpty, line.hasPrefix(":") {
            guard let space = line.firstIndex(of: " ") else {
                return Completion(word: line, candidates: ReplCommand.names.filter { $0.hasPrefix(line) })
            }
            let argument = String(line[line.index(after: space)...])
            if line.hasPrefix(":load") { return PathCompleter.complete(argument) }
            return Completer(interpreter: interpreter).complete(argument)
        }
        return Completer(interpreter: interpreter).complete((pending + [line]).joined(separator: "\n"))
    }

    // MARK: - Running

    /// Runs `source` as input number `count`; shows its value or its errors.
    private func evaluate(_ source: String) {
        interpreter.interrupt.lower()
        switch interpreter.evaluate(source: source, name: inputName, replMode: true) {
        case .success(let value):
            if !value.isNil { show(value) }
        case .failure(let diagnostics):
            // After Ctrl-C the terminal has echoed ^C: start on a fresh line.
            write((diagnostics.isInterrupted ? "\n" : "") + diagnostics.description + "\n")
        }
        interpreter.interrupt.lower()
    }

    /// Shows `value` as `Out[n]:` and keeps it as `_` and `Out[n]`.
    private func show(_ value: Value) {
        let text = value.repr
        write("Out[\(count)]:" + (text.contains("\n") ? "\n" : " ") + text + "\n")
        outputs[.number(Double(count))] = value
        interpreter.define("_", value)
    }

    private func defineSessionGlobals() {
        outputs = DictionaryObject()
        interpreter.define("Out", .dictionary(outputs))
        interpreter.define("_", .nil)
        builtinNames = Set(interpreter.globalNames)
    }

    // MARK: - Commands

    /// Runs a `:` command; false for `:quit`.
    private func perform(_ line: String) -> Bool {
        let command: ReplCommand
        do {
            command = try ReplCommand.parse(line)
        } catch {
            write("\(error)\n")
            return true
        }
        switch command {
        case .quit:
            return false
        case .help(let name):
            write(help(for: name) + "\n")
        case .vars:
            let names = interpreter.globalNames.filter { !builtinNames.contains($0) }
            let variables = names.compactMap { name in interpreter.value(ofGlobal: name).map { (name: name, value: $0) } }
            write(VariableTable(variables).rendered + "\n")
        case .time(let source):
            let (_, seconds) = ElapsedTime.measure { evaluate(source) }
            write("Wall time: \(ElapsedTime.format(seconds))\n")
            count += 1
        case .load(let path):
            load(path)
        case .reset:
            interpreter.reset()
            defineSessionGlobals()
            write("variables cleared\n")
        }
        return true
    }

    private func load(_ path: String) {
        let source: String
        do {
            source = try ScriptRunner.contents(of: (path as NSString).expandingTildeInPath)
        } catch {
            write(":load: \(error)\n")
            return
        }
        interpreter.interrupt.lower()
        if case .failure(let diagnostics) = interpreter.evaluate(source: source, name: path, replMode: true) {
            write(diagnostics.description + "\n")
        }
        interpreter.interrupt.lower()
    }

    /// `:help` alone lists the commands; `:help name` documents a global or `type.method`.
    private func help(for name: String?) -> String {
        guard let name else {
            let width = ReplCommand.summaries.map(\.usage.count).max() ?? 0
            let lines = ReplCommand.summaries.map { $0.usage + String(repeating: " ", count: width - $0.usage.count) + "  " + $0.summary }
            return (["Commands:"] + lines.map { "  " + $0 }
                + ["", "Tab completes names, members after '.', keyword arguments and paths in strings.",
                   "Ctrl-C clears the line or stops running code; Ctrl-D leaves."]).joined(separator: "\n")
        }
        if let value = interpreter.value(ofGlobal: name) { return interpreter.help(for: value) }
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let method = interpreter.registry.method(named: parts[1], forType: parts[0]) {
            return method.spec.helpText
        }
        if name.hasPrefix(":"), let command = ReplCommand.summaries.first(where: { $0.usage.hasPrefix(name) }) {
            return command.usage + "\n  " + command.summary
        }
        return ":help: no built-in, variable or type.method called '\(name)'"
    }
}
