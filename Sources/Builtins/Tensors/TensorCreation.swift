import Language
import Tensors

/// Built-ins that make tensors: from lists, filled, random, ranges, the identity.
enum TensorCreation {
    nonisolated(unsafe) private static let shape = ParameterSpec.variadic(
        "shape", types: ["integer", "list"], doc: "the size of each axis, as integers or one list")

    /// A tensor of `shape` with every element `value`.
    private static func filled(_ name: String, _ value: Float, summary: String, example: String) -> NativeFunction {
        TensorBuiltin.make(BuiltinSpec(name: name, parameters: [shape], summary: summary, example: example)) { args in
            .tensor(try Tensor(repeating: value, shape: try args.shape()))
        }
    }

    /// The creation built-ins; the random ones draw from the interpreter's seeded generator,
    /// the one `seed(n)` restarts.
    nonisolated(unsafe) static let functions: [NativeFunction] = [
        TensorBuiltin.make(
            BuiltinSpec(
                name: "tensor",
                parameters: [
                    ParameterSpec(
                        "data", types: ["list", "number", "tensor", "param"],
                        doc: "a number, or nested lists of numbers with rows of equal length")
                ],
                summary: "A tensor holding the given numbers.",
                doc: "Nested lists give the axes: [[1, 2], [3, 4]] has shape [2, 2]. Tensors may stand in for rows.\nThe values are copied: the result records no graph (use stack or cat to combine tracked tensors).",
                example: "print(tensor([[1, 2], [3, 4]]))\n# [[1, 2],\n#  [3, 4]]")
        ) { args in .tensor(try TensorConversion.tensor(fromNested: args[0], op: "tensor")) },
        filled("zeros", 0, summary: "A tensor of zeros.", example: "print(zeros(2, 3).shape)  # [2, 3]"),
        filled("ones", 1, summary: "A tensor of ones.", example: "print(ones([2]))  # [1, 1]"),
        TensorBuiltin.make(
            BuiltinSpec(
                name: "full",
                parameters: [
                    ParameterSpec("shape", types: ["list", "integer"], doc: "the size of each axis"),
                    ParameterSpec("value", types: ["number"], doc: "the value of every element"),
                ],
                summary: "A tensor with every element equal to value.",
                example: "print(full([2], 7))  # [7, 7]")
        ) { args in
            let dimensions = try args.axes(0) ?? []
            let shape = try TensorConversion.checkedShape(dimensions, op: "full")
            return .tensor(try Tensor(repeating: try args.float(1), shape: shape))
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "rand", parameters: [shape], summary: "A tensor of uniform random draws from [0, 1).",
                doc: "Draws come from the interpreter's seeded generator: seed(n) makes them repeat.",
                example: "print(rand(2, 3).shape)  # [2, 3]")
        ) { args in .tensor(RandomState.of(args.interpreter).generator.uniform(try args.shape())) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "randn", parameters: [shape], summary: "A tensor of standard normal random draws.",
                doc: "Draws come from the interpreter's seeded generator: seed(n) makes them repeat.",
                example: "print(randn(4).shape)  # [4]")
        ) { args in .tensor(RandomState.of(args.interpreter).generator.normal(try args.shape())) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "randperm", parameters: [ParameterSpec("n", types: ["integer"], doc: "how many integers")],
                summary: "The integers 0..<n in a random order, as a list.",
                doc: "Useful to shuffle a data set: x[randperm(len(x))].",
                example: "print(tensor(randperm(4)).sum())  # 6")
        ) { args in
            let n = try args.int(0)
            guard n >= 0, n <= TensorConversion.maxListElements else {
                throw args.badArgument(0, "a count in 0...\(TensorConversion.maxListElements) expected, got \(n)")
            }
            return .list(RandomState.of(args.interpreter).generator.permutation(n).map { .int($0) })
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "arange",
                parameters: [
                    ParameterSpec("start", types: ["number"], doc: "the first value (the end when it is the only argument)"),
                    ParameterSpec("end", defaultValue: .nil, types: ["number"], doc: "the bound, not included"),
                    ParameterSpec("step", defaultValue: .number(1), types: ["number"], doc: "the difference between values"),
                ],
                summary: "The values start, start + step, ... before end, as numpy's arange.",
                doc: "arange(n) is 0, 1, ..., n - 1.",
                example: "print(arange(4))  # [0, 1, 2, 3]\nprint(arange(1, 2, 0.25))  # [1.  , 1.25, 1.5 , 1.75]")
        ) { args in
            let (start, end) = args[1].isNil ? (0, try args.number(0)) : (try args.number(0), try args.number(1))
            let step = try args.number(2)
            let length = ((end - start) / step).rounded(.up)
            // Tensor.arange names a zero step or an infinite bound itself.
            guard step == 0 || !start.isFinite || !end.isFinite || length <= Double(TensorConversion.maxElements) else {
                throw ScriptError("arange: \(Value.format(start)) to \(Value.format(end)) by \(Value.format(step)) holds more than \(TensorConversion.maxElements) elements")
            }
            return .tensor(try Tensor.arange(start: Float(start), end: Float(end), step: Float(step)))
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "linspace",
                parameters: [
                    ParameterSpec("start", types: ["number"], doc: "the first value"),
                    ParameterSpec("end", types: ["number"], doc: "the last value, included"),
                    ParameterSpec("count", defaultValue: .number(50), types: ["integer"], doc: "how many values"),
                ],
                summary: "count evenly spaced values from start to end, both included.",
                example: "print(linspace(0, 1, count: 5))  # [0.  , 0.25, 0.5 , 0.75, 1.  ]")
        ) { args in
            let count = try args.int(2)
            try TensorConversion.checkCount(of: [count], op: "linspace")
            return .tensor(try Tensor.linspace(start: try args.float(0), end: try args.float(1), count: count))
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "eye", parameters: [ParameterSpec("n", types: ["integer"], doc: "the number of rows and columns")],
                summary: "The n × n identity matrix.",
                example: "print(eye(2))\n# [[1, 0],\n#  [0, 1]]")
        ) { args in
            let n = try args.int(0)
            try TensorConversion.checkCount(of: [n, n], op: "eye")
            return .tensor(try Tensor.eye(n))
        },
    ]
}
