import Learning
import Tensors

/// A linear layer with its weight W frozen and a trainable low-rank update (LoRA, Hu et al.
/// 2022): y = x (W + (α/r) B A)ᵀ + b, with A (r × in) random and B (out × r) zero, so that the
/// layer starts as the base layer and only r (in + out) values train.
///
/// ```swift
/// let adapted = try LoRALinear(linear, rank: 4, alpha: 8, rng: &rng)   // freezes linear
/// ```
public final class LoRALinear: Layer {
    /// The wrapped layer; its weight and bias are frozen.
    public let base: Linear
    public let rank: Int
    public let alpha: Float
    /// The down-projection A (r × in), initialised uniform in ±1/√in as PyTorch's LoRA does.
    public let a: Parameter
    /// The up-projection B (out × r), initialised to zero.
    public let b: Parameter

    /// Wraps `base`, freezing its parameters.
    /// - Throws: ``SelectionError`` when `rank` < 1 or `alpha` is not positive and finite.
    public init(_ base: Linear, rank: Int, alpha: Float, rng: inout Random) throws {
        try LoRALinear.check(rank: rank, alpha: alpha, layer: base.spec)
        self.base = base
        self.rank = rank
        self.alpha = alpha
        let bound = 1 / Float(max(base.inputSize, 1)).squareRoot()
        a = Parameter(rng.uniform([rank, base.inputSize], low: -bound, high: bound))
        b = Parameter(try Tensor.zeros([base.outputSize, rank]))
        for (_, p) in base.namedParameters { p.requiresGrad = false }
    }

    /// The effective weight W + (α/r) B A.
    public func mergedWeight() throws -> Tensor {
        try base.weight.tensor + matmul(b.tensor, a.tensor) * (alpha / Float(rank))
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.rank >= 1, input.shape.last == base.inputSize else {
            throw TensorError(
                spec, "expected input with last dimension \(base.inputSize), got shape \(input.shape)")
        }
        return try linear(input, weight: try mergedWeight(), bias: base.bias?.tensor)
    }

    /// The base layer's parameters (frozen), then `lora_A` and `lora_B`.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        base.namedParameters + [("lora_A", a), ("lora_B", b)]
    }

    public var spec: String { "lora(\(base.spec),r=\(rank),alpha=\(alpha))" }

    /// Checks the options shared by the LoRA layers.
    static func check(rank: Int, alpha: Float, layer: String) throws {
        guard rank >= 1 else { throw SelectionError("lora: rank must be at least 1, got \(rank) (for \(layer))") }
        guard alpha > 0, alpha.isFinite else {
            throw SelectionError("lora: alpha must be positive and finite, got \(alpha) (for \(layer))")
        }
    }
}
