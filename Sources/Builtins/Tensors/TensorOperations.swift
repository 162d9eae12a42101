import Language
import Tensors

/// Built-ins combining tensors: products, selection, joining, convolution, pooling, resizing
/// and padding. All are differentiable.
enum TensorOperations {
    private static let tensorTypes = ["tensor", "param"]

    private static func input(_ name: String, _ doc: String) -> ParameterSpec {
        ParameterSpec(name, types: tensorTypes, doc: doc)
    }

    /// The tensors in the list at `index`; numbers and nested lists count as tensors.
    private static func tensors(_ args: Arguments, _ index: Int) throws -> [Tensor] {
        try args.list(index).elements.enumerated().map { position, element in
            if let tensor = TensorConversion.operand(element) { return tensor }
            if case .list = element { return try TensorConversion.tensor(fromNested: element, op: args.spec.name) }
            throw args.badArgument(index, "list of tensors expected, element \(position) is a \(element.typeName)")
        }
    }

    /// A joining built-in: a list of tensors and an axis.
    private static func joining(
        _ name: String, summary: String, example: String, _ join: @escaping ([Tensor], Int) throws -> Tensor
    ) -> NativeFunction {
        TensorBuiltin.make(
            BuiltinSpec(
                name: name,
                parameters: [
                    ParameterSpec("tensors", types: ["list"], doc: "the tensors to join"),
                    ParameterSpec("axis", defaultValue: .number(0), types: ["integer"], doc: "the axis to join along"),
                ],
                summary: summary, example: example)
        ) { args in .tensor(try join(try tensors(args, 0), try args.int(1))) }
    }

    /// A pooling built-in over the last two axes.
    private static func pooling(
        _ name: String, summary: String, doc: String, example: String,
        _ pool: @escaping (Tensor, Int, Int?, Int) throws -> Tensor
    ) -> NativeFunction {
        TensorBuiltin.make(
            BuiltinSpec(
                name: name,
                parameters: [
                    input("x", "N×C×H×W or C×H×W"),
                    ParameterSpec("kernel", types: ["integer"], doc: "the window's height and width"),
                    ParameterSpec("stride", defaultValue: .nil, types: ["integer"], doc: "the step between windows; kernel when nil"),
                    ParameterSpec("padding", defaultValue: .number(0), types: ["integer"], doc: "added on every side"),
                ],
                summary: summary, doc: doc, example: example)
        ) { args in .tensor(try pool(try args.tensor(0), try args.int(1), try args.optionalInt(2), try args.int(3))) }
    }

    /// The pads `pad` takes: one integer for every axis, or a list of `[before, after]` pairs
    /// for the trailing axes.
    private static func pads(_ args: Arguments, rank: Int) throws -> [(before: Int, after: Int)] {
        if let amount = args[1].integer { return Array(repeating: (amount, amount), count: rank) }
        return try args.list(1).elements.map { element in
            guard case .list(let pair) = element, pair.elements.count == 2,
                let before = pair.elements[0].integer, let after = pair.elements[1].integer
            else {
                throw args.badArgument(1, "list of [before, after] integer pairs expected, found \(element.repr)")
            }
            return (before, after)
        }
    }

    nonisolated(unsafe) static let functions: [NativeFunction] = [
        TensorBuiltin.make(
            BuiltinSpec(
                name: "matmul", parameters: [input("a", "the left factor"), input("b", "the right factor")],
                summary: "The matrix product of a and b, with numpy's rules (the same as a @ b).",
                doc: "Vectors act as a row (on the left) or a column (on the right); leading axes are batches and broadcast.",
                example: "print(matmul(tensor([[1, 2], [3, 4]]), tensor([1, 1])))  # [3, 7]")
        ) { args in .tensor(try matmul(try args.tensor(0), try args.tensor(1))) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "linear",
                parameters: [
                    input("x", "…×in"), input("weight", "out×in"),
                    ParameterSpec("bias", defaultValue: .nil, types: tensorTypes, doc: "out, or nil"),
                ],
                summary: "x @ weight.T + bias, as PyTorch's linear layer computes it.",
                example: "print(linear(ones(1, 2), tensor([[1, 2], [3, 4], [5, 6]])))  # [[ 3,  7, 11]]")
        ) { args in .tensor(try linear(try args.tensor(0), weight: try args.tensor(1), bias: try args.optionalTensor(2))) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "where",
                parameters: [
                    ParameterSpec("condition", types: ["tensor", "param", "number"], doc: "non-zero picks from a"),
                    ParameterSpec("a", types: ["tensor", "param", "number"], doc: "the values where condition holds"),
                    ParameterSpec("b", types: ["tensor", "param", "number"], doc: "the values elsewhere"),
                ],
                summary: "Elements of a where condition is not 0, of b elsewhere; all three broadcast.",
                example: "let x = tensor([-1, 2, -3])\nprint(where(x > 0, x, 0))  # [0, 2, 0]")
        ) { args in .tensor(try `where`(try args.tensor(0), try args.tensor(1), try args.tensor(2))) },
        joining(
            "cat", summary: "The tensors joined along an existing axis.",
            example: "print(cat([ones(1, 2), zeros(1, 2)]).shape)  # [2, 2]"
        ) { try concatenate($0, axis: $1) },
        joining(
            "stack", summary: "Tensors of one shape joined along a new axis.",
            example: "print(stack([ones(3), zeros(3)], axis: 1).shape)  # [3, 2]"
        ) { try stack($0, axis: $1) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "conv2d",
                parameters: [
                    input("x", "N×C×H×W images, or one C×H×W image"),
                    input("weight", "O×C×kH×kW kernels"),
                    ParameterSpec("bias", defaultValue: .nil, types: tensorTypes, doc: "O, or nil"),
                    ParameterSpec("stride", defaultValue: .number(1), types: ["integer"], doc: "the step between windows"),
                    ParameterSpec("padding", defaultValue: .number(0), types: ["integer"], doc: "zeros added on every side"),
                ],
                summary: "The 2-D convolution of PyTorch's conv2d (a cross-correlation).",
                doc: "The result is N×O×H'×W' with H' = (H + 2·padding − kH) / stride + 1, likewise W'.",
                example: "let x = arange(1, 10).reshape(1, 1, 3, 3)\nprint(conv2d(x, ones(1, 1, 2, 2)).flatten())  # [12, 16, 24, 28]")
        ) { args in
            .tensor(
                try conv2d(
                    try args.tensor(0), weight: try args.tensor(1), bias: try args.optionalTensor(2), stride: try args.int(3),
                    padding: try args.int(4)))
        },
        pooling(
            "max_pool2d", summary: "The largest value of each kernel × kernel window over the last two axes.",
            doc: "Padding adds -inf. The gradient goes to the first largest element of each window.",
            example: "print(max_pool2d(arange(16).reshape(1, 4, 4), 2).flatten())  # [ 5,  7, 13, 15]"
        ) { try maxPool2d($0, kernel: $1, stride: $2, padding: $3) },
        pooling(
            "avg_pool2d", summary: "The mean of each kernel × kernel window over the last two axes.",
            doc: "Padding adds zeros, which count towards the mean (PyTorch's default).",
            example: "print(avg_pool2d(arange(16).reshape(1, 4, 4), 2).flatten())  # [ 2.5,  4.5, 10.5, 12.5]"
        ) { try avgPool2d($0, kernel: $1, stride: $2, padding: $3) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "resize",
                parameters: [
                    input("x", "N×C×H×W, C×H×W or H×W"),
                    ParameterSpec("height", types: ["integer"], doc: "the new height"),
                    ParameterSpec("width", types: ["integer"], doc: "the new width"),
                ],
                summary: "The last two axes resized by bilinear interpolation (PyTorch's align_corners=False).",
                example: "print(resize(tensor([[0, 1], [2, 3]]), 1, 1))  # [[1.5]]")
        ) { args in
            let x = try args.tensor(0)
            let (height, width) = (try args.int(1), try args.int(2))
            try TensorConversion.checkCount(of: x.shape.dropLast(2) + [height, width], op: "resize")
            return .tensor(try resizedBilinear(x, height: height, width: width))
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "pad",
                parameters: [
                    input("x", "the tensor to pad"),
                    ParameterSpec(
                        "pads", types: ["integer", "list"],
                        doc: "one integer for every side of every axis, or [before, after] pairs for the last axes"),
                    ParameterSpec("value", defaultValue: .number(0), types: ["number"], doc: "the value added"),
                ],
                summary: "The tensor with value added before and after along its axes.",
                doc: "With fewer pairs than axes the pairs apply to the last axes: [[1, 1], [2, 2]] pads height and width.",
                example: "print(pad(tensor([[1, 2]]), [[0, 1], [1, 0]]))\n# [[0, 1, 2],\n#  [0, 0, 0]]")
        ) { args in
            let x = try args.tensor(0)
            let pads = try pads(args, rank: x.rank)
            // The output size is checked here, so huge pads fail with a message instead of exhausting
            // memory; padded itself rejects more pairs than axes.
            if pads.count <= x.rank {
                let offset = x.rank - pads.count
                let grown = x.shape.enumerated().map { axis, size in
                    guard axis >= offset else { return size }
                    return size + max(pads[axis - offset].before, 0) + max(pads[axis - offset].after, 0)
                }
                try TensorConversion.checkCount(of: grown, op: "pad")
            }
            return .tensor(try padded(x, pads, value: try args.float(2)))
        },
    ]
}
