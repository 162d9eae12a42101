import Language
import Tensors

/// A tensor seen from the language (type name `tensor`): numpy-like printing, operators with
/// broadcasting, indexing and slicing, and the methods of ``TensorMembers``.
///
/// Operations always make new tensors. Index assignment (`t[0] = 5`) is the one exception: it
/// replaces the elements of this object, so every name bound to the same tensor sees the change,
/// as with numpy arrays and the language's lists; `t.copy()` gives an independent tensor.
final class TensorObject: TensorBacked {
    var tensor: Tensor

    init(_ tensor: Tensor) {
        self.tensor = tensor
    }

    var operand: Tensor { tensor }

    var typeName: String { "tensor" }

    /// The elements as numpy prints an array: nested brackets, aligned columns, `...` for the
    /// middle of long axes.
    var description: String { tensor.description }

    var help: String? { TensorMembers.help(for: self) }

    var memberNames: [String] { TensorMembers.names }

    func member(named name: String) throws -> Value? {
        TensorMembers.member(named: name, of: self)
    }

    func setSubscript(indices: [IndexArgument], to value: Value) throws {
        tensor = try TensorIndexing.set(tensor, indices, to: value)
    }
}
