import Learning
import Tensors

/// The pathway generator: a small network on the raw input that scores every hub model
/// (routing happens before any hub model runs), with a learned noise scale for noisy top-k gating.
public final class PathwayGenerator {
    public let body: Sequential
    public let gate: Linear
    public let noiseGate: Linear

    /// A generator for inputs of `inputShape` over `models` models.
    public init(inputShape: [Int], models: Int, hidden: Int, seed: UInt64) throws {
        var rng = Random(seed: seed)
        let pooled = inputShape.count == 3 && inputShape[1] >= 16 && inputShape[2] >= 16
        let size = pooled ? inputShape[0] * (inputShape[1] / 2) * (inputShape[2] / 2) : inputShape.product
        var layers: [Layer] = pooled ? [AvgPool2d(2)] : []
        layers += [Flatten(), Linear(size, hidden, rng: &rng), ReLU()]
        body = Sequential(layers)
        gate = Linear(hidden, models, rng: &rng)
        noiseGate = Linear(hidden, models, rng: &rng)
        // Start with even routing and small noise, as noisy top-k gating does.
        gate.weight.value = try Tensor.zeros(gate.weight.value.shape)
        noiseGate.weight.value = try Tensor.zeros(noiseGate.weight.value.shape)
    }

    /// Clean logits and the learned noise scale softplus(h W_noise) + 0.01, both B×M.
    public func callAsFunction(_ inputs: Tensor) throws -> (logits: Tensor, noiseScale: Tensor) {
        let hidden = try body(inputs)
        return (try gate(hidden), try noiseGate(hidden).softplus() + 0.01)
    }

    public var parameters: [Parameter] {
        body.parameters + [gate, noiseGate].flatMap { $0.namedParameters.map(\.parameter) }
    }
}
