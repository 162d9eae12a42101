import Language
import Learning
import Tensors

/// An optimizer seen from the language (type name `optimizer`), made by `sgd`, `adam` or
/// `adamw`: `step()` updates its params from their gradients, `zero_grad()` forgets the
/// gradients, and `lr` reads or sets the learning rate.
final class OptimizerObject: HostObject {
    let optimizer: any Optimizer
    /// The built-in that made it (`adam`), for its description.
    let kind: String
    let parameters: [ParameterObject]

    init(_ optimizer: any Optimizer, kind: String, parameters: [ParameterObject]) {
        self.optimizer = optimizer
        self.kind = kind
        self.parameters = parameters
    }

    var typeName: String { "optimizer" }

    var description: String {
        let count = parameters.count == 1 ? "1 param" : "\(parameters.count) params"
        return "\(kind)(\(count), lr: \(Value.format(TensorConversion.number(optimizer.learningRate))))"
    }

    var help: String? {
        let rows = [("lr", "the learning rate (assignable)"), ("params", "the params it trains")]
            + OptimizerObject.methods.map { ($0.spec.name + "()", $0.spec.summary) }
        return "optimizer \(description)\n\n" + MemberTable.lines(rows)
    }

    var memberNames: [String] { ["lr", "params"] + OptimizerObject.methods.map(\.spec.name) }

    func member(named name: String) throws -> Value? {
        switch name {
        case "lr": return .number(TensorConversion.number(optimizer.learningRate))
        case "params": return .list(parameters.map { .host($0) })
        default: return OptimizerObject.methods.first { $0.spec.name == name }.map { .native($0.bound(to: .host(self))) }
        }
    }

    func setMember(named name: String, to value: Value) throws {
        guard name == "lr" else { throw ScriptError("cannot set '\(name)' on an optimizer (only lr)") }
        guard case .number(let rate) = value, rate >= 0, rate.isFinite else {
            throw ScriptError("optimizer.lr: expected a non-negative number, got \(value.repr)")
        }
        optimizer.learningRate = Float(rate)
    }

    /// `step()` and `zero_grad()`.
    nonisolated(unsafe) static let methods: [NativeFunction] = [
        TensorBuiltin.make(
            BuiltinSpec(
                name: "step", summary: "Updates every param from its gradient (params without one are left alone).",
                example: "let w = param([1])\nlet opt = sgd([w], lr: 0.5)\n(w * w).sum().backward()\nopt.step()\nprint(w.value)  # [0]",
                receiver: "optimizer")
        ) { args in
            try args.receiver.host(as: OptimizerObject.self)?.optimizer.step()
            return .nil
        },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "zero_grad", summary: "Forgets the gradient of every param.",
                example: "let w = param([1])\nlet opt = adam([w])\n(w * 2).sum().backward()\nopt.zero_grad()\nprint(w.grad)  # nil",
                receiver: "optimizer")
        ) { args in
            args.receiver.host(as: OptimizerObject.self)?.optimizer.zeroGrad()
            return .nil
        },
    ]
}
