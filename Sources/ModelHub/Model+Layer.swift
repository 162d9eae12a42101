import Learning
import Tensors

/// A white-box model is a layer: its normalisation then its network, so the trainer can fit it
/// on [0, 1] inputs directly.
extension Model: Layer {
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try logits(input)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] { network.namedParameters }

    public var spec: String { card.architecture }

    public var isTraining: Bool {
        get { network.isTraining }
        set { network.isTraining = newValue }
    }
}
