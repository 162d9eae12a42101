import Language
import Tensors

/// The methods of tensors (parameters have them too, and their results record the graph).
enum TensorMethods {
    nonisolated(unsafe) private static let axis = ParameterSpec(
        "axis", defaultValue: .nil, types: ["integer", "list"], doc: "the axis or list of axes; every axis when nil")
    nonisolated(unsafe) private static let keepdims = ParameterSpec(
        "keepdims", defaultValue: .bool(false), types: ["bool"], doc: "keep the reduced axes, with size 1")

    /// A reduction over `axis` (an integer, a list, or nil for every axis).
    private static func reduction(
        _ name: String, summary: String, example: String, _ reduce: @escaping (Tensor, [Int]?, Bool) throws -> Tensor
    ) -> NativeFunction {
        TensorBuiltin.method(name, [axis, keepdims], summary: summary, example: example) { args in
            .tensor(try reduce(try args.tensor(0), try args.axes(1), try args.bool(2)))
        }
    }

    /// The variance or standard deviation, with numpy's `ddof` (0 or 1).
    private static func spread(
        _ name: String, summary: String, example: String, _ finish: @escaping (Tensor) -> Tensor
    ) -> NativeFunction {
        let ddof = ParameterSpec(
            "ddof", defaultValue: .number(0), types: ["integer"],
            doc: "0 divides by n (numpy's default), 1 by n - 1 (the unbiased estimate)")
        return TensorBuiltin.method(name, [axis, keepdims, ddof], summary: summary, example: example) { args in
            let ddof = try args.int(3)
            guard ddof == 0 || ddof == 1 else { throw args.badArgument(3, "0 or 1 expected, got \(ddof)") }
            let variance = try args.tensor(0).variance(axes: try args.axes(1), keepDims: try args.bool(2), unbiased: ddof == 1)
            return .tensor(finish(variance))
        }
    }

    /// An element-wise function without arguments.
    private static func elementWise(
        _ name: String, summary: String, example: String, _ apply: @escaping (Tensor) -> Tensor
    ) -> NativeFunction {
        TensorBuiltin.method(name, summary: summary, example: example) { args in .tensor(apply(try args.tensor(0))) }
    }

    /// The position of the largest or smallest element along an axis.
    private static func position(
        _ name: String, summary: String, example: String, _ find: @escaping (Tensor, Int?, Bool) throws -> Tensor
    ) -> NativeFunction {
        let axis = ParameterSpec(
            "axis", defaultValue: .nil, types: ["integer"], doc: "the axis to search; the flattened tensor when nil")
        return TensorBuiltin.method(
            name, [axis, keepdims], summary: summary, doc: "Positions are whole numbers in a float32 tensor.", example: example
        ) { args in .tensor(try find(try args.tensor(0), try args.optionalInt(1), try args.bool(2))) }
    }

    /// Softmax or log-softmax along one axis.
    private static func normalization(
        _ name: String, summary: String, example: String, _ apply: @escaping (Tensor, Int) throws -> Tensor
    ) -> NativeFunction {
        let axis = ParameterSpec("axis", defaultValue: .number(-1), types: ["integer"], doc: "the axis to normalise")
        return TensorBuiltin.method(name, [axis], summary: summary, example: example) { args in
            .tensor(try apply(try args.tensor(0), try args.int(1)))
        }
    }

    /// Every method, in the order `help` lists them.
    nonisolated(unsafe) static let all: [NativeFunction] = [
        // MARK: Shape
        TensorBuiltin.method(
            "reshape", [.variadic("shape", types: ["integer", "list"], doc: "the new size of each axis; one may be -1")],
            summary: "The same elements under a new shape.",
            doc: "The shape is given as integers or as one list; a -1 is inferred from the element count.",
            example: "print(arange(6).reshape(2, -1))\n# [[0, 1, 2],\n#  [3, 4, 5]]"
        ) { args in .tensor(try args.tensor(0).reshaped(try args.dimensions())) },
        TensorBuiltin.method(
            "transpose", [.variadic("axes", types: ["integer", "list"], doc: "the new order of the axes")],
            summary: "The axes reordered; reversed when none are given.",
            doc: "Axis i of the result is axis axes[i] of the tensor (numpy's transpose, PyTorch's permute).",
            example: "print(zeros(2, 3, 4).transpose(2, 0, 1).shape)  # [4, 2, 3]"
        ) { args in
            let tensor = try args.tensor(0)
            let axes = try args.dimensions()
            return .tensor(axes.isEmpty ? tensor.transposed() : try tensor.permuted(axes))
        },
        TensorBuiltin.method(
            "flatten",
            [
                ParameterSpec("start", defaultValue: .number(0), types: ["integer"], doc: "the first axis to merge"),
                ParameterSpec("end", defaultValue: .number(-1), types: ["integer"], doc: "the last axis to merge"),
            ],
            summary: "The axes from start to end merged into one.",
            example: "print(zeros(2, 3, 4).flatten(start: 1).shape)  # [2, 12]"
        ) { args in .tensor(try args.tensor(0).flattened(startAxis: try args.int(1), endAxis: try args.int(2))) },
        TensorBuiltin.method(
            "squeeze", [ParameterSpec("axis", defaultValue: .nil, types: ["integer"], doc: "the axis of size 1 to drop")],
            summary: "The tensor without an axis of size 1 (every such axis when none is given).",
            example: "print(zeros(1, 3, 1).squeeze().shape)  # [3]"
        ) { args in .tensor(try args.tensor(0).squeezed(axis: try args.optionalInt(1))) },
        TensorBuiltin.method(
            "unsqueeze", [ParameterSpec("axis", types: ["integer"], doc: "where the new axis goes")],
            summary: "The tensor with a new axis of size 1 at position axis.",
            example: "print(zeros(3).unsqueeze(0).shape)  # [1, 3]"
        ) { args in .tensor(try args.tensor(0).expandingDims(at: try args.int(1))) },

        // MARK: Reductions
        reduction(
            "sum", summary: "The sum of the elements over axis.",
            example: "print(tensor([[1, 2], [3, 4]]).sum(axis: 0))  # [4, 6]"
        ) { try $0.sum(axes: $1, keepDims: $2) },
        reduction(
            "mean", summary: "The mean of the elements over axis.",
            example: "print(tensor([[1, 2], [3, 4]]).mean(axis: 1))  # [1.5, 3.5]"
        ) { try $0.mean(axes: $1, keepDims: $2) },
        reduction(
            "max", summary: "The largest element over axis.",
            example: "print(tensor([[1, 5], [3, 4]]).max(axis: 1))  # [5, 4]"
        ) { try $0.max(axes: $1, keepDims: $2) },
        reduction(
            "min", summary: "The smallest element over axis.",
            example: "print(tensor([[1, 5], [3, 4]]).min())  # 1"
        ) { try $0.min(axes: $1, keepDims: $2) },
        spread(
            "variance", summary: "The variance over axis (numpy's var).",
            example: "print(tensor([1, 2, 3, 4]).variance())  # 1.25"
        ) { $0 },
        spread(
            "std", summary: "The standard deviation over axis.",
            example: "print(tensor([1, 2, 3, 4]).std(ddof: 1))  # 1.291"
        ) { $0.sqrt() },
        position(
            "argmax", summary: "The position of the first largest element along axis.",
            example: "print(tensor([[1, 5], [4, 3]]).argmax(axis: 1))  # [1, 0]"
        ) { try $0.argMax(axis: $1, keepDims: $2) },
        position(
            "argmin", summary: "The position of the first smallest element along axis.",
            example: "print(tensor([3, 1, 2]).argmin())  # 1"
        ) { try $0.argMin(axis: $1, keepDims: $2) },
        TensorBuiltin.method(
            "any", summary: "True when some element is not 0.", example: "print((tensor([1, 2]) > 1).any())  # true"
        ) { args in .bool(try args.tensor(0).scalars.contains { $0 != 0 }) },
        TensorBuiltin.method(
            "all", summary: "True when every element is not 0.", example: "print((tensor([1, 2]) > 1).all())  # false"
        ) { args in .bool(try args.tensor(0).scalars.allSatisfy { $0 != 0 }) },

        // MARK: Element-wise
        normalization(
            "softmax", summary: "e^x / sum(e^x) along axis, computed without overflow.",
            example: "print(tensor([1, 2, 3]).softmax())  # [0.09  , 0.2447, 0.6652]"
        ) { try $0.softmax(axis: $1) },
        normalization(
            "log_softmax", summary: "x - log(sum(e^x)) along axis: the log of softmax, without its underflow.",
            example: "print(tensor([0, 0]).log_softmax())  # [-0.6931, -0.6931]"
        ) { try $0.logSoftmax(axis: $1) },
        elementWise("exp", summary: "e raised to each element.", example: "print(tensor([0, 1]).exp())  # [1.    , 2.7183]") {
            $0.exp()
        },
        elementWise(
            "log", summary: "The natural logarithm of each element (-inf at 0, nan below).",
            example: "print(tensor([1, 4]).log())  # [0.    , 1.3863]"
        ) { $0.log() },
        elementWise("sqrt", summary: "The square root of each element.", example: "print(tensor([4, 9]).sqrt())  # [2, 3]") {
            $0.sqrt()
        },
        elementWise("abs", summary: "The absolute value of each element.", example: "print(tensor([-1, 2]).abs())  # [1, 2]") {
            $0.abs()
        },
        elementWise("square", summary: "Each element squared.", example: "print(tensor([-1, 3]).square())  # [1, 9]") {
            $0.square()
        },
        elementWise("tanh", summary: "The hyperbolic tangent of each element.", example: "print(tensor([0]).tanh())  # [0]") {
            $0.tanh()
        },
        elementWise(
            "sigmoid", summary: "The logistic function 1 / (1 + e^-x) of each element.",
            example: "print(tensor([0]).sigmoid())  # [0.5]"
        ) { $0.sigmoid() },
        elementWise("relu", summary: "max(x, 0) of each element.", example: "print(tensor([-1, 2]).relu())  # [0, 2]") {
            $0.relu()
        },
        elementWise(
            "softplus", summary: "log(1 + e^x) of each element, computed without overflow.",
            example: "print(tensor([0]).softplus())  # [0.6931]"
        ) { $0.softplus() },
        TensorBuiltin.method(
            "pow", [ParameterSpec("exponent", types: ["number", "tensor", "param"], doc: "a number, or a tensor that broadcasts")],
            summary: "Each element raised to exponent (the same as **).",
            example: "print(tensor([1, 2, 3]).pow(2))  # [1, 4, 9]"
        ) { args in
            let base = try args.tensor(0)
            if let exponent = args[1].number { return .tensor(base.pow(Float(exponent))) }
            return .tensor(try base.pow(try args.tensor(1)))
        },
        TensorBuiltin.method(
            "clamp",
            [
                ParameterSpec("min", defaultValue: .nil, types: ["number"], doc: "the lower bound; none when nil"),
                ParameterSpec("max", defaultValue: .nil, types: ["number"], doc: "the upper bound; none when nil"),
            ],
            summary: "Each element limited to min...max.",
            example: "print(tensor([-2, 0.5, 3]).clamp(min: 0, max: 1))  # [0. , 0.5, 1. ]"
        ) { args in
            let low = try args.optionalNumber(1) ?? -.infinity
            let high = try args.optionalNumber(2) ?? .infinity
            guard low <= high else {
                throw ScriptError("clamp: min \(Value.format(low)) is greater than max \(Value.format(high))")
            }
            return .tensor(try args.tensor(0).clamped(min: Float(low), max: Float(high)))
        },

        // MARK: Values and gradients
        TensorBuiltin.method(
            "item", summary: "The one element of a one-element tensor, as a number.",
            example: "print(tensor([[7]]).item() + 1)  # 8"
        ) { args in .number(TensorConversion.number(try args.tensor(0).item())) },
        TensorBuiltin.method(
            "tolist", summary: "The elements as nested lists of numbers (a number for a rank-0 tensor).",
            example: "print(eye(2).tolist())  # [[1, 0], [0, 1]]"
        ) { args in try TensorConversion.nestedList(try args.tensor(0)) },
        TensorBuiltin.method(
            "backward",
            summary: "Adds the gradient of this one-element tensor to the grad of every param it depends on.",
            doc: "Gradients accumulate: call zero_grad() (on the params or the optimizer) before the next backward().",
            example: "let w = param([1, 2])\n(w * w).sum().backward()\nprint(w.grad)  # [2, 4]"
        ) { args in
            try args.tensor(0).backward()
            return .nil
        },
        TensorBuiltin.method(
            "detach", summary: "The same values, no longer recording the graph.",
            example: "let w = param([1])\nprint((w * 2).detach().requires_grad)  # false"
        ) { args in .tensor(try args.tensor(0).detached) },
        TensorBuiltin.method(
            "copy", summary: "A tensor with the same values that index assignment to this one does not change.",
            example: "let a = zeros(2)\nlet b = a.copy()\na[0] = 1\nprint(b)  # [0, 0]"
        ) { args in .tensor(try args.tensor(0)) },
    ]
}
