import Tensors

/// A 2-D convolution over N×C×H×W inputs with PyTorch's parameter layout (`weight` is
/// out×in×k×k) and initialisation.
public final class Conv2d: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: Int
    public let weight: Parameter
    public let bias: Parameter?

    /// A layer with PyTorch's default initialisation from `rng`.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        bias: Bool = true, rng: inout Random
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        let fanIn = inChannels * kernelSize * kernelSize
        weight = Parameter(
            pytorchDefaultInit(
                shape: [outChannels, inChannels, kernelSize, kernelSize], fanIn: fanIn, rng: &rng))
        self.bias =
            bias ? Parameter(pytorchDefaultInit(shape: [outChannels], fanIn: fanIn, rng: &rng)) : nil
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try conv2d(input, weight: weight.tensor, bias: bias?.tensor, stride: stride, padding: padding)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    public var spec: String {
        var options = ""
        if stride != 1 { options += ",stride=\(stride)" }
        if padding != 0 { options += ",pad=\(padding)" }
        if bias == nil { options += ",bias=0" }
        return "conv(\(inChannels),\(outChannels),\(kernelSize)\(options))"
    }
}
