import Tensors

/// `max(x, 0)` element-wise.
public final class ReLU: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.relu() }
    public var spec: String { "relu" }
}

/// `tanh(x)` element-wise.
public final class Tanh: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.tanh() }
    public var spec: String { "tanh" }
}

/// `1 / (1 + e^-x)` element-wise.
public final class Sigmoid: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.sigmoid() }
    public var spec: String { "sigmoid" }
}

/// Flattens every axis after the batch axis (PyTorch's nn.Flatten()).
public final class Flatten: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.rank >= 1 else {
            throw TensorError("flatten", "expected a batch of at least rank 1, got a scalar")
        }
        return try input.reshaped([input.shape[0], -1])
    }
    public var spec: String { "flatten" }
}
