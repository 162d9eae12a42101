import Language
import Tensors

/// A trainable tensor seen from the language (type name `param`), made by `param(t)`.
///
/// It acts as a tensor in operators, indexing and every tensor method, and those results
/// record the graph, so `loss.backward()` fills `p.grad`. `p.value` reads or replaces the
/// current value (same shape), and `p[i] = v` changes elements in place, without recording.
final class ParameterObject: TensorBacked {
    let parameter: Tensors.Parameter

    init(_ parameter: Tensors.Parameter) {
        self.parameter = parameter
    }

    /// The parameter's recording tensor, behind an identity step that holds the parameter.
    ///
    /// The graph's leaf refers to its parameter without keeping it alive, and a script may drop
    /// a param while a value computed from it lives on (`let loss = (param(x) * 2).sum()`): the
    /// identity step's pullback keeps the parameter alive as long as any such value does.
    var operand: Tensor {
        let tensor = parameter.tensor
        let parameter = self.parameter
        return Tensor.record(tensor, inputs: [tensor]) { gradient in
            withExtendedLifetime(parameter) { [gradient] }
        }
    }

    var typeName: String { "param" }

    /// `param([1, 2])`, continuation lines indented under the first.
    var description: String {
        let lines = parameter.value.description.split(separator: "\n", omittingEmptySubsequences: false)
        let indented = lines.enumerated().map { index, line in index == 0 || line.isEmpty ? String(line) : "      " + line }
        return "param(" + indented.joined(separator: "\n") + ")"
    }

    private static let ownMembers: [(String, String)] = [
        ("value", "the current value, as a tensor (assignable, same shape)"),
        ("grad", "the accumulated gradient, or nil before backward()"),
        ("requires_grad", "whether backward() reaches it (assignable; false freezes it)"),
        ("zero_grad()", "forgets the accumulated gradient"),
    ]

    var help: String? { TensorMembers.help(for: self, extra: ParameterObject.ownMembers) }

    var memberNames: [String] { ["value", "grad", "zero_grad"] + TensorMembers.names }

    func member(named name: String) throws -> Value? {
        switch name {
        case "value": return .tensor(parameter.value)
        case "grad": return parameter.grad.map { .tensor($0) } ?? .nil
        case "requires_grad": return .bool(parameter.requiresGrad)
        case "zero_grad": return .native(ParameterObject.zeroGrad.bound(to: .host(self)))
        default: return TensorMembers.member(named: name, of: self)
        }
    }

    func setMember(named name: String, to value: Value) throws {
        switch name {
        case "value":
            let newValue: Tensor
            if let operand = TensorConversion.operand(value) {
                newValue = operand
            } else if case .list = value {
                newValue = try TensorConversion.tensor(fromNested: value, op: "param.value")
            } else {
                throw ScriptError("param.value: expected a tensor, got \(value.typeName)")
            }
            // Optimizers keep per-element state, so the shape is fixed for the parameter's life.
            guard newValue.shape == parameter.value.shape else {
                throw ScriptError(
                    "param.value: expected a tensor of shape \(parameter.value.shape), got \(newValue.shape)")
            }
            parameter.value = newValue.detached
        case "requires_grad":
            guard case .bool(let flag) = value else {
                throw ScriptError("param.requires_grad: expected a bool, got \(value.typeName)")
            }
            parameter.requiresGrad = flag
        default:
            throw ScriptError("cannot set '\(name)' on a param (only value and requires_grad)")
        }
    }

    func setSubscript(indices: [IndexArgument], to value: Value) throws {
        let current = parameter.value
        parameter.value = try withNoGrad { try TensorIndexing.set(current, indices, to: value) }
    }

    /// `p.zero_grad()`.
    nonisolated(unsafe) static let zeroGrad = TensorBuiltin.make(
        BuiltinSpec(
            name: "zero_grad", summary: "Forgets the param's accumulated gradient (grad becomes nil).",
            example: "let w = param([1])\n(w * 3).sum().backward()\nw.zero_grad()\nprint(w.grad)  # nil", receiver: "param")
    ) { args in
        args.receiver.host(as: ParameterObject.self)?.parameter.zeroGrad()
        return .nil
    }
}
