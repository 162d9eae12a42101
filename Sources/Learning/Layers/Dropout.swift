import Tensors

/// Zeroes each element with probability `p` during training and scales the rest by 1/(1-p)
/// (inverted dropout, as PyTorch); the identity in evaluation mode.
public final class Dropout: Layer {
    public let probability: Float
    public var isTraining = false
    private var rng: Random

    /// A dropout layer whose masks come from a generator seeded with `seed`.
    public init(_ probability: Float, seed: UInt64 = 0) throws {
        guard probability >= 0, probability < 1 else {
            throw TensorError("dropout", "probability must be in [0, 1), got \(probability)")
        }
        self.probability = probability
        rng = Random(seed: seed)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard isTraining, probability > 0 else { return input }
        let keep = 1 - probability
        let mask = rng.uniform(input.shape).scalars.map { $0 < keep ? 1 / keep : 0 }
        return try input * Tensor(shape: input.shape, scalars: mask)
    }

    public var spec: String { "dropout(\(probability))" }
}
