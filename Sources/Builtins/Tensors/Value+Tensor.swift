import Language
import Tensors

extension Value {
    /// A tensor value.
    static func tensor(_ tensor: Tensor) -> Value { .host(TensorObject(tensor)) }
}
