import Learning
import Tensors

/// A convolution with its kernel frozen and a trainable low-rank update of the flattened kernel:
/// W (out × in·k·k) becomes W + (α/r) B A, with A (r × in·k·k) random and B (out × r) zero, so
/// that the layer starts as the base layer and only r (in·k·k + out) values train.
///
/// ```swift
/// let adapted = try LoRAConv2d(conv, rank: 4, alpha: 8, rng: &rng)   // freezes conv
/// ```
public final class LoRAConv2d: Layer {
    /// The wrapped layer; its weight and bias are frozen.
    public let base: Conv2d
    public let rank: Int
    public let alpha: Float
    /// The down-projection A (r × in·k·k), initialised uniform in ±1/√(in·k·k).
    public let a: Parameter
    /// The up-projection B (out × r), initialised to zero.
    public let b: Parameter

    /// Wraps `base`, freezing its parameters.
    /// - Throws: ``SelectionError`` when `rank` < 1 or `alpha` is not positive and finite.
    public init(_ base: Conv2d, rank: Int, alpha: Float, rng: inout Random) throws {
        try LoRALinear.check(rank: rank, alpha: alpha, layer: base.spec)
        self.base = base
        self.rank = rank
        self.alpha = alpha
        let fanIn = base.inChannels * base.kernelSize * base.kernelSize
        let bound = 1 / Float(max(fanIn, 1)).squareRoot()
        a = Parameter(rng.uniform([rank, fanIn], low: -bound, high: bound))
        b = Parameter(try Tensor.zeros([base.outChannels, rank]))
        for (_, p) in base.namedParameters { p.requiresGrad = false }
    }

    /// The effective kernel W + (α/r) B A, shaped out × in × k × k.
    public func mergedWeight() throws -> Tensor {
        let update = try matmul(b.tensor, a.tensor) * (alpha / Float(rank))
        return try base.weight.tensor + update.reshaped(base.weight.value.shape)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try conv2d(
            input, weight: try mergedWeight(), bias: base.bias?.tensor, stride: base.stride, padding: base.padding)
    }

    /// The base layer's parameters (frozen), then `lora_A` and `lora_B`.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        base.namedParameters + [("lora_A", a), ("lora_B", b)]
    }

    public var spec: String { "lora(\(base.spec),r=\(rank),alpha=\(alpha))" }
}
