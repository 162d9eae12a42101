import Language

/// An interpreter for tests, with a tiny `print` (the real library lives in Builtins) and the
/// text it printed.
final class TestInterpreter {
    let interpreter: Interpreter
    private let buffer = OutputBuffer()

    init() {
        let buffer = self.buffer
        interpreter = Interpreter(output: { buffer.text += $0 })
        interpreter.open(
            Library(
                name: "testing", summary: "What the language tests need.",
                functions: [
                    NativeFunction(
                        spec: BuiltinSpec(
                            name: "print", parameters: [.variadic("values")], summary: "Prints the values.")
                    ) { args in
                        args.write(args.rest.map(\.description).joined(separator: " ") + "\n")
                        return .nil
                    },
                    NativeFunction(
                        spec: BuiltinSpec(
                            name: "scale",
                            parameters: [
                                ParameterSpec("x", types: ["number"]), ParameterSpec("by", defaultValue: .number(2), types: ["number"]),
                            ], summary: "x times by.")
                    ) { args in .number(try args.number(0) * args.number(1)) },
                ],
                methods: [
                    NativeFunction(
                        spec: BuiltinSpec(
                            name: "append", parameters: [ParameterSpec("value")], summary: "Appends.", receiver: "list")
                    ) { args in
                        try args.list(0).elements.append(args[1])
                        return .nil
                    }
                ]))
    }

    var output: String { buffer.text }

    /// Runs `source` as a file named `test.recast`; the value or the rendered diagnostics.
    func run(_ source: String, replMode: Bool = false) -> Result<Value, Diagnostics> {
        interpreter.evaluate(source: source, name: "test.recast", replMode: replMode)
    }

    /// The output of running `source`, followed by the rendered errors if it failed.
    func transcript(_ source: String) -> String {
        switch run(source) {
        case .success: return output
        case .failure(let errors): return output + errors.description + "\n"
        }
    }
}

final class OutputBuffer: @unchecked Sendable {
    var text = ""
}
