import Foundation
import Tensors

/// SPSA-GC's update (BlackVIP): at step i (from 1) the gains are a_i = a / (i + o)^α and
/// c_i = c / i^γ, and the gradient correction in Nesterov form, as the released code does it:
/// m ← μ m + ĝ, then θ ← θ − a_i (ĝ + μ m), on the trained coordinates only. With `lookAhead`
/// the estimate is taken at θ − a_i μ m instead of θ (the paper's description).
struct SPSAGradientCorrection {
    let gains: ReprogramOptions.SPSAGains
    let lookAhead: Bool
    let active: [Int]
    private(set) var momentum: [Float]

    init(gains: ReprogramOptions.SPSAGains, lookAhead: Bool, active: [Int], count: Int) {
        self.gains = gains
        self.lookAhead = lookAhead
        self.active = active
        momentum = [Float](repeating: 0, count: count)
    }

    /// The step size a_i and the perturbation size c_i at step i.
    func sizes(step i: Int) -> (a: Float, c: Float) {
        (gains.a / pow(Float(i) + gains.o, gains.alpha), gains.c / pow(Float(i), gains.gamma))
    }

    /// Where step i estimates the gradient: θ, or the look-ahead point.
    func estimationPoint(_ theta: Tensor, step i: Int) -> Tensor {
        guard lookAhead else { return theta.detached }
        let shift = sizes(step: i).a * gains.momentum
        var point = theta.detached
        point.withMutableScalars { w in for k in active { w[k] -= shift * momentum[k] } }
        return point
    }

    /// θ after step i with the estimate `g` (shaped like θ).
    mutating func update(_ theta: Tensor, estimate g: [Float], step i: Int) -> Tensor {
        let a = sizes(step: i).a
        var updated = theta.detached
        updated.withMutableScalars { w in
            for k in active {
                momentum[k] = gains.momentum * momentum[k] + g[k]
                w[k] -= a * (g[k] + gains.momentum * momentum[k])
            }
        }
        return updated
    }
}
