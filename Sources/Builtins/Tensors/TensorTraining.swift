import Language
import Learning
import Tensors

/// Built-ins for training: parameters, no-grad sections, optimizers and gradient clipping.
enum TensorTraining {
    nonisolated(unsafe) private static let params = ParameterSpec("params", types: ["list"], doc: "the params to train")

    /// The non-negative, finite number at `index`.
    private static func rate(_ args: Arguments, _ index: Int) throws -> Float {
        let value = try args.number(index)
        guard value >= 0, value.isFinite else {
            throw args.badArgument(index, "non-negative number expected, got \(Value.format(value))")
        }
        return Float(value)
    }

    /// The number at `index`, which must lie in [0, 1).
    private static func fraction(_ args: Arguments, _ index: Int) throws -> Float {
        let value = try args.number(index)
        guard value >= 0, value < 1 else {
            throw args.badArgument(index, "number in [0, 1) expected, got \(Value.format(value))")
        }
        return Float(value)
    }

    /// An optimizer object over the params at index 0.
    private static func optimizer(_ args: Arguments, _ make: ([Tensors.Parameter]) throws -> any Optimizer) throws -> Value {
        let objects = try args.parameters(0)
        return .host(OptimizerObject(try make(objects.map(\.parameter)), kind: args.spec.name, parameters: objects))
    }

    nonisolated(unsafe) static let functions: [NativeFunction] = [
        TensorBuiltin.make(
            BuiltinSpec(
                name: "param",
                parameters: [ParameterSpec("value", types: ["tensor", "param", "list", "number"], doc: "the initial value (copied)")],
                summary: "A trainable tensor: operations on it record the graph, and backward() fills its grad.",
                doc: "A param acts as a tensor everywhere. p.value is its current value (assignable, same shape), p.grad its\naccumulated gradient (nil before backward()), p.requires_grad = false freezes it.",
                example: "let w = param([1, 2, 3])\nlet loss = (w * w).sum()\nloss.backward()\nprint(w.grad)  # [2, 4, 6]")
        ) { args in .host(ParameterObject(Tensors.Parameter(try args.tensor(0)))) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "no_grad",
                parameters: [ParameterSpec("body", types: ["function"], doc: "a function without parameters")],
                summary: "Calls body with graph recording off and returns its result.",
                doc: "For evaluation and manual updates: nothing computed inside can be differentiated.",
                example: "let w = param([1])\nprint(no_grad(fn() { w * 2 }).requires_grad)  # false")
        ) { args in
            let body = try args.function(0)
            return try withNoGrad { try args.call(body, []) }
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "sgd",
                parameters: [
                    params,
                    ParameterSpec("lr", types: ["number"], doc: "the learning rate"),
                    ParameterSpec("momentum", defaultValue: .number(0), types: ["number"], doc: "the momentum factor, in [0, 1)"),
                    ParameterSpec("nesterov", defaultValue: .bool(false), types: ["bool"], doc: "use Nesterov momentum"),
                    ParameterSpec("weight_decay", defaultValue: .number(0), types: ["number"], doc: "the L2 penalty"),
                ],
                summary: "Stochastic gradient descent, as PyTorch's SGD.",
                example: "let w = param([4])\nlet opt = sgd([w], lr: 0.25)\n(w * w).sum().backward()\nopt.step()\nprint(w.value)  # [2]")
        ) { args in
            let (lr, momentum, nesterov, decay) = (
                try rate(args, 1), try fraction(args, 2), try args.bool(3), try rate(args, 4)
            )
            guard !nesterov || momentum > 0 else { throw args.badArgument(3, "nesterov needs a momentum above 0") }
            return try optimizer(args) {
                SGD($0, learningRate: lr, momentum: momentum, nesterov: nesterov, weightDecay: decay)
            }
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "adam",
                parameters: [
                    params,
                    ParameterSpec("lr", defaultValue: .number(0.001), types: ["number"], doc: "the learning rate"),
                    ParameterSpec("beta1", defaultValue: .number(0.9), types: ["number"], doc: "the decay of the gradient's mean"),
                    ParameterSpec("beta2", defaultValue: .number(0.999), types: ["number"], doc: "the decay of its square's mean"),
                    ParameterSpec("eps", defaultValue: .number(1e-8), types: ["number"], doc: "added to the denominator"),
                    ParameterSpec("weight_decay", defaultValue: .number(0), types: ["number"], doc: "the L2 penalty, added to the gradient"),
                ],
                summary: "The Adam optimizer, as PyTorch's Adam.",
                example: "let w = param([1, -1])\nlet opt = adam([w], lr: 0.1)\n(w * w).sum().backward()\nopt.step()\nprint(w.value)  # [ 0.9, -0.9]")
        ) { args in
            let (lr, beta1, beta2, eps, decay) = (
                try rate(args, 1), try fraction(args, 2), try fraction(args, 3), try rate(args, 4), try rate(args, 5)
            )
            return try optimizer(args) {
                Adam($0, learningRate: lr, beta1: beta1, beta2: beta2, epsilon: eps, weightDecay: decay)
            }
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "adamw",
                parameters: [
                    params,
                    ParameterSpec("lr", defaultValue: .number(0.001), types: ["number"], doc: "the learning rate"),
                    ParameterSpec("weight_decay", defaultValue: .number(0.01), types: ["number"], doc: "the decoupled weight decay"),
                ],
                summary: "Adam with decoupled weight decay, as PyTorch's AdamW.",
                example: "let w = param([1])\nlet opt = adamw([w], lr: 0.1, weight_decay: 0)\n(w * w).sum().backward()\nopt.step()\nprint(w.value)  # [0.9]")
        ) { args in
            let (lr, decay) = (try rate(args, 1), try rate(args, 2))
            return try optimizer(args) { Adam.adamW($0, learningRate: lr, weightDecay: decay) }
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "clip_grad_norm",
                parameters: [params, ParameterSpec("max_norm", types: ["number"], doc: "the largest joint L2 norm allowed")],
                summary: "Scales the params' gradients together so their joint L2 norm is at most max_norm.",
                doc: "Returns the norm before clipping (PyTorch's clip_grad_norm_).",
                example: "let w = param([3, 4])\n(w * w).sum().backward()\nprint(clip_grad_norm([w], max_norm: 1))  # 10\nprint(w.grad)  # [0.6, 0.8]")
        ) { args in
            let objects = try args.parameters(0)
            return .number(TensorConversion.number(clipGradNorm(objects.map(\.parameter), maxNorm: try rate(args, 1))))
        },
    ]
}
