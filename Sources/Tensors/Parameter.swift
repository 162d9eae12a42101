/// A trainable tensor: the leaf of the autodiff graph and the only mutable state in a model.
///
/// Ops on ``tensor`` record a graph while grad mode is on; ``Tensor/backward()`` then adds into
/// ``grad``. Optimizers read ``grad`` and write ``value``.
///
/// ```swift
/// let w = Parameter(try Tensor(shape: [2], scalars: [1, 2]))
/// let loss = try (w.tensor * w.tensor).sum()
/// try loss.backward()        // w.grad == [2, 4]
/// ```
public final class Parameter {
    /// The current value.
    public var value: Tensor {
        didSet { value.node = nil }
    }
    /// The accumulated gradient, shaped like `value`; `nil` until a backward pass reaches it.
    public private(set) var grad: Tensor?
    /// Whether backward passes reach this parameter (frozen parameters act as constants).
    public var requiresGrad: Bool = true
    private var leaf: GradNode!

    /// Wraps a tensor as a trainable parameter.
    public init(_ value: Tensor) {
        self.value = value.detached
        self.leaf = nil
        self.leaf = GradNode(leaf: self)
    }

    /// The value as a tensor that records the ops it takes part in (a constant when frozen).
    public var tensor: Tensor {
        guard requiresGrad else { return value }
        return Tensor(unchecked: value.shape, value.scalars, node: leaf)
    }

    /// Forgets the accumulated gradient.
    public func zeroGrad() {
        grad = nil
    }

    /// Replaces the gradient, e.g. after clipping.
    public func setGrad(_ newGrad: Tensor?) {
        grad = newGrad?.detached
    }

    func accumulate(_ g: Tensor) throws {
        if let existing = grad {
            grad = try existing + g
        } else {
            grad = g.detached
        }
    }
}
