import Foundation
import Tensors

/// Adam and AdamW, following PyTorch's `torch.optim.Adam` / `AdamW` updates.
///
/// With `decoupled: false` (Adam) weight decay is added to the gradient; with `decoupled: true`
/// (AdamW) the weights shrink by `lr × weightDecay` before the Adam step.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupled: Bool
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]
    private var steps: [Int]

    public init(
        _ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
        beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0, decoupled: Bool = false
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        secondMoments = firstMoments
        steps = Array(repeating: 0, count: parameters.count)
    }

    /// AdamW: Adam with decoupled weight decay (PyTorch's default decay 0.01).
    public static func adamW(
        _ parameters: [Parameter], learningRate: Float = 1e-3, weightDecay: Float = 0.01
    ) -> Adam {
        Adam(parameters, learningRate: learningRate, weightDecay: weightDecay, decoupled: true)
    }

    public func step() throws {
        for (index, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            steps[index] += 1
            let t = Float(steps[index])
            let lr = learningRate
            let (b1, b2, eps, wd, decoupled) = (beta1, beta2, epsilon, weightDecay, self.decoupled)
            let correction1 = 1 - pow(b1, t)
            let stepSize = lr / correction1
            let correction2Root = (1 - pow(b2, t)).squareRoot()
            grad.scalars.withUnsafeBufferPointer { g in
                firstMoments[index].withUnsafeMutableBufferPointer { m in
                    secondMoments[index].withUnsafeMutableBufferPointer { v in
                        p.value.withMutableScalars { w in
                            for i in 0..<w.count {
                                var gi = g[i]
                                if wd != 0 {
                                    if decoupled { w[i] *= 1 - lr * wd } else { gi += wd * w[i] }
                                }
                                m[i] = b1 * m[i] + (1 - b1) * gi
                                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                                let denominator = v[i].squareRoot() / correction2Root + eps
                                w[i] -= stepSize * m[i] / denominator
                            }
                        }
                    }
                }
            }
        }
    }
}
