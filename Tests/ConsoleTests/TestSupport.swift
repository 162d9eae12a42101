import Builtins
import Foundation
import Language

@testable import Console

/// Text written by an interpreter or a REPL, collected for checks.
final class TextBuffer: @unchecked Sendable {
    var text = ""
}

/// A host object with members, for member completion.
final class Counter: HostObject {
    var n = 0
    var typeName: String { "counter" }
    var description: String { "counter(\(n))" }
    var memberNames: [String] { ["bump", "n"] }
    func member(named name: String) throws -> Value? {
        switch name {
        case "n": return .int(n)
        case "bump":
            return .native(
                NativeFunction(spec: BuiltinSpec(name: "bump", parameters: [ParameterSpec("by", defaultValue: .number(1))], summary: "Adds.")) {
                    [self] args in
                    self.n += try args.int(0)
                    return .int(self.n)
                })
        default: return nil
        }
    }
}

/// An interpreter with a tiny library (the real one lives in Builtins): `print`, `scale(x, by:)`,
/// `save_figure(path)` which writes a small PNG-named file, a `counter` object and list `append`.
func makeTestInterpreter(output: TextBuffer) -> Interpreter {
    let interpreter = Interpreter(output: { output.text += $0 })
    interpreter.open(
        Library(
            name: "testing", summary: "What the console tests need.",
            functions: [
                NativeFunction(spec: BuiltinSpec(name: "print", parameters: [.variadic("values")], summary: "Prints the values.")) { args in
                    args.write(args.rest.map(\.description).joined(separator: " ") + "\n")
                    return .nil
                },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "scale",
                        parameters: [ParameterSpec("x", types: ["number"], doc: "a number"), ParameterSpec("by", defaultValue: .number(2), types: ["number"])],
                        summary: "x times by.")
                ) { args in .number(try args.number(0) * args.number(1)) },
                NativeFunction(
                    spec: BuiltinSpec(name: "save_figure", parameters: [ParameterSpec("path", types: ["string"])], summary: "Writes a figure file.")
                ) { args in
                    let path = try args.string(0)
                    try FileManager.default.createDirectory(
                        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try Data([0x89, 0x50, 0x4E, 0x47]).write(to: URL(fileURLWithPath: path))
                    SavedFiles.record(path, by: args.interpreter)
                    return .nil
                },
            ],
            constants: [Library.Constant("counter", .host(Counter()), summary: "A counter.")],
            methods: [
                NativeFunction(spec: BuiltinSpec(name: "append", parameters: [ParameterSpec("value")], summary: "Appends.", receiver: "list")) { args in
                    try args.list(0).elements.append(args[1])
                    return .nil
                }
            ]))
    return interpreter
}

/// A line reader that hands out prepared lines and records the prompts it was shown.
final class ScriptedReader: LineReader {
    var inputs: [LineInput]
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []
    var complete: (String) -> Completion = { _ in .none }

    init(_ inputs: [LineInput]) { self.inputs = inputs }

    convenience init(lines: [String]) { self.init(lines.map { .line($0) }) }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func addHistory(_ line: String) { history.append(line) }
}

/// A fresh temporary folder, removed by the caller with `removeItem` when done.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "recast-console-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
