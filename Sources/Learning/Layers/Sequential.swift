import Tensors

/// Layers applied in order, with parameters named as PyTorch's `nn.Sequential` names them
/// (`0.weight`, `0.bias`, `3.weight`, …: the index counts every layer, parameterless or not).
///
/// ```swift
/// let net = try Architecture.parse("linear(4,8) relu linear(8,3)", seed: 0)
/// let logits = try net(x)                 // x: N×4
/// net.namedParameters.map(\.name)         // ["0.weight", "0.bias", "2.weight", "2.bias"]
/// ```
public final class Sequential: Layer {
    public let layers: [Layer]

    public init(_ layers: [Layer]) {
        self.layers = layers
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try run(input, through: layers.count)
    }

    /// The penultimate features: the input of the last linear layer (the whole output when
    /// there is no linear layer).
    public func features(_ input: Tensor) throws -> Tensor {
        try run(input, through: lastLinearIndex ?? layers.count)
    }

    /// The last linear layer, which maps features to logits.
    public var head: Linear? { lastLinearIndex.flatMap { layers[$0] as? Linear } }

    /// The size of the features (the input size of the last linear layer).
    public var featureSize: Int? { head?.inputSize }

    /// The number of outputs (the output size of the last linear layer).
    public var outputSize: Int? { layers.last { $0 is Linear }.flatMap { ($0 as? Linear)?.outputSize } }

    private var lastLinearIndex: Int? { layers.lastIndex { $0 is Linear } }

    private func run(_ input: Tensor, through end: Int) throws -> Tensor {
        var x = input
        var index = 0
        while index < end {
            // ReLU then max pooling equals max pooling then ReLU, values and gradients alike
            // (ReLU is monotone and sends the gradient of what it zeroes nowhere): pooling first
            // leaves ReLU a quarter of the elements (for 2×2 windows).
            if index + 1 < end, layers[index] is ReLU, let pool = layers[index + 1] as? MaxPool2d {
                x = try pool(x).relu()
                index += 2
                continue
            }
            x = try layers[index](x)
            index += 1
        }
        return x
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.enumerated().flatMap { index, layer in
            layer.namedParameters.map { ("\(index).\($0.name)", $0.parameter) }
        }
    }

    /// All parameters in PyTorch's order.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }

    /// The number of scalars in all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    public var isTraining: Bool {
        get { layers.contains { $0.isTraining } }
        set { for layer in layers { layer.isTraining = newValue } }
    }

    /// The one-line architecture spec that ``Architecture/parse(_:seed:)`` reads back.
    public var spec: String { layers.map(\.spec).joined(separator: " ") }
}
