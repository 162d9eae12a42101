import Tensors

/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// following PyTorch's `torch.optim.SGD` update exactly.
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var buffers: [[Float]?]

    public init(
        _ parameters: [Parameter], learningRate: Float, momentum: Float = 0, nesterov: Bool = false,
        weightDecay: Float = 0
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        buffers = Array(repeating: nil, count: parameters.count)
    }

    public func step() throws {
        for (index, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            var g = grad.scalars
            let values = p.value.scalars
            if weightDecay != 0 {
                for i in g.indices { g[i] += weightDecay * values[i] }
            }
            if momentum != 0 {
                var buffer = buffers[index] ?? g
                if buffers[index] != nil {
                    for i in g.indices { buffer[i] = momentum * buffer[i] + g[i] }
                }
                buffers[index] = buffer
                if nesterov {
                    for i in g.indices { g[i] += momentum * buffer[i] }
                } else {
                    g = buffer
                }
            }
            let lr = learningRate
            p.value.withMutableScalars { w in
                for i in 0..<w.count { w[i] -= lr * g[i] }
            }
        }
    }
}
