import Learning
import Tensors

/// The pathway generator: a small network on the raw input that scores every hub model, so
/// routing is decided before any hub model runs; a second head gives the learned noise scale of
/// noisy top-k gating.
///
/// Images of at least 16×16 are average-pooled 2×2 first; then `flatten linear(d,hidden) relu`,
/// and two linear heads from the hidden features: the gate (logits) and the noise scale.
public final class PathwayGenerator {
    public let body: Sequential
    /// Hidden features → routing logits l (B×M).
    public let gate: Linear
    /// Hidden features → pre-softplus noise scale (B×M).
    public let noiseGate: Linear

    /// A generator for inputs shaped `inputShape` (one sample) over `models` models.
    public init(inputShape: [Int], models: Int, hidden: Int, rng: inout Random) throws {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw PathwayError("pathway generator: expected a positive input shape, got \(inputShape)")
        }
        let pooled = inputShape.count == 3 && inputShape[1] >= 16 && inputShape[2] >= 16
        let size = pooled ? inputShape[0] * (inputShape[1] / 2) * (inputShape[2] / 2) : inputShape.product
        var layers: [Layer] = pooled ? [AvgPool2d(2)] : []
        layers += [Flatten(), Linear(size, hidden, rng: &rng), ReLU()]
        body = Sequential(layers)
        gate = Linear(hidden, models, rng: &rng)
        noiseGate = Linear(hidden, models, rng: &rng)
        // The gate starts from PyTorch's small random weights, so inputs differ in their
        // routing from the start; zero biases keep every model equally likely. The noise head
        // starts at a constant scale softplus(0) + 0.01 ≈ 0.70 for every input.
        gate.bias?.value = try Tensor.zeros([models])
        noiseGate.weight.value = try Tensor.zeros([models, hidden])
        noiseGate.bias?.value = try Tensor.zeros([models])
    }

    /// Clean logits l and the learned noise scale softplus(h W_noise + b) + 0.01, both B×M.
    public func callAsFunction(_ inputs: Tensor) throws -> (logits: Tensor, noiseScale: Tensor) {
        let hidden = try body(inputs)
        return (try gate(hidden), try noiseGate(hidden).softplus() + 0.01)
    }

    /// The parameters with stable names (`body.2.weight`, `gate.bias`, …) for files.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        body.namedParameters.map { ("body.\($0.name)", $0.parameter) }
            + gate.namedParameters.map { ("gate.\($0.name)", $0.parameter) }
            + noiseGate.namedParameters.map { ("noise.\($0.name)", $0.parameter) }
    }

    /// All parameters.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }
}
