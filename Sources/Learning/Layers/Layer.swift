import Tensors

/// A building block of a network: a function of a tensor with named parameters.
///
/// Layers are classes (they own parameters, the only mutable state) and are called like
/// functions: `let y = try layer(x)`. Names follow PyTorch's state-dict keys (`weight`, `bias`).
public protocol Layer: AnyObject {
    /// Applies the layer.
    func callAsFunction(_ input: Tensor) throws -> Tensor
    /// The layer's parameters with their PyTorch names, in PyTorch's order.
    var namedParameters: [(name: String, parameter: Parameter)] { get }
    /// The layer in the one-line architecture spec, e.g. `conv(1,6,5,pad=2)`.
    var spec: String { get }
    /// Whether the layer is in training mode (only dropout behaves differently).
    var isTraining: Bool { get set }
}

extension Layer {
    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
    public var isTraining: Bool {
        get { false }
        set {}
    }
}

/// PyTorch's default initialisation for Linear and Conv2d: weights and biases uniform in
/// ±1/√fan_in (kaiming_uniform with a = √5, and the matching bias bound).
func pytorchDefaultInit(shape: [Int], fanIn: Int, rng: inout Random) -> Tensor {
    let bound = 1 / Float(max(fanIn, 1)).squareRoot()
    return rng.uniform(shape, low: -bound, high: bound)
}
