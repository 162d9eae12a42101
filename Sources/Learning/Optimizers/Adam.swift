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
            let update = Update(
                learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                weightDecay: weightDecay, decoupled: decoupled,
                stepSize: learningRate / (1 - pow(beta1, t)),
                correction2Root: (1 - pow(beta2, t)).squareRoot())
            grad.scalars.withUnsafeBufferPointer { g in
                firstMoments[index].withUnsafeMutableBufferPointer { m in
                    secondMoments[index].withUnsafeMutableBufferPointer { v in
                        p.value.withMutableScalars { w in
                            let count = w.count
                            guard let g = g.baseAddress, let m = m.baseAddress,
                                let v = v.baseAddress, let w = w.baseAddress
                            else { return }
                            update.apply(w, g, m, v, count: count)
                        }
                    }
                }
            }
        }
    }
}

/// One step's constants, applied to the elements eight at a time (the same operations, in the
/// same order, as PyTorch's per-element update).
private struct Update {
    let learningRate: Float, beta1: Float, beta2: Float, epsilon: Float
    let weightDecay: Float, decoupled: Bool
    /// `lr / (1 - beta1^t)` and `sqrt(1 - beta2^t)`: the bias corrections.
    let stepSize: Float, correction2Root: Float

    /// Updates `count` weights `w` and their moments `m` and `v` from the gradients `g`.
    func apply(
        _ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
        _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int
    ) {
        var i = 0
        while i + 8 <= count {
            var (wi, mi, vi) = (Self.load(w + i), Self.load(m + i), Self.load(v + i))
            lanes(&wi, Self.load(g + i), &mi, &vi)
            Self.store(wi, w + i)
            Self.store(mi, m + i)
            Self.store(vi, v + i)
            i += 8
        }
        // The tail goes through the same vector code, lane by lane in and out.
        var (wi, gi, mi, vi) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        for lane in 0..<(count - i) {
            (wi[lane], gi[lane]) = (w[i + lane], g[i + lane])
            (mi[lane], vi[lane]) = (m[i + lane], v[i + lane])
        }
        lanes(&wi, gi, &mi, &vi)
        for lane in 0..<(count - i) {
            (w[i + lane], m[i + lane], v[i + lane]) = (wi[lane], mi[lane], vi[lane])
        }
    }

    @inline(__always)
    private func lanes(
        _ w: inout SIMD8<Float>, _ g: SIMD8<Float>, _ m: inout SIMD8<Float>,
        _ v: inout SIMD8<Float>
    ) {
        var g = g
        if weightDecay != 0 {
            if decoupled { w *= 1 - learningRate * weightDecay } else { g += weightDecay * w }
        }
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        let denominator = v.squareRoot() / correction2Root + epsilon
        w -= stepSize * m / denominator
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
