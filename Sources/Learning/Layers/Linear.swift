import Tensors

/// A fully connected layer, `y = x Wᵀ + b`, with PyTorch's parameter layout (`weight` is
/// out×in) and initialisation.
public final class Linear: Layer {
    public let inputSize: Int
    public let outputSize: Int
    public let weight: Parameter
    public let bias: Parameter?

    /// A layer with PyTorch's default initialisation from `rng`.
    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true, rng: inout Random) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(
            pytorchDefaultInit(shape: [outputSize, inputSize], fanIn: inputSize, rng: &rng))
        self.bias =
            bias ? Parameter(pytorchDefaultInit(shape: [outputSize], fanIn: inputSize, rng: &rng)) : nil
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.rank >= 1, input.shape.last == inputSize else {
            throw TensorError(
                "linear(\(inputSize),\(outputSize))",
                "expected input with last dimension \(inputSize), got shape \(input.shape)")
        }
        return try linear(input, weight: weight.tensor, bias: bias?.tensor)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public var spec: String { "linear(\(inputSize),\(outputSize)\(bias == nil ? ",bias=0" : ""))" }
}
