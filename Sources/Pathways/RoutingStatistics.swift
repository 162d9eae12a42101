import Foundation
import Tensors

/// How a trained pathway routes labelled data: per target class and model, how often the model
/// is activated and its mean weight; and the entropy of the routing.
public struct RoutingStatistics: Equatable, Sendable {
    /// frequency[c][i]: the fraction of class-c inputs whose pathway activates model i.
    public var frequency: [[Double]]
    /// meanWeight[c][i]: the mean of w_i(x) over class-c inputs.
    public var meanWeight: [[Double]]
    /// The mean over inputs of the entropy (nats) of w(x).
    public var meanEntropy: Double
    /// The entropy (nats) of the data-wide mean weights (high when all models are used).
    public var usageEntropy: Double

    /// Routes `inputs` without noise and tallies the weights by label.
    public static func measure(
        _ pathway: PathwayModel, inputs: Tensor, labels: [Int], classes: Int
    ) throws -> RoutingStatistics {
        let models = pathway.experts.count
        let (weights, active) = try withNoGrad { () -> (Tensor, [[Int]]) in
            var none: Random? = nil
            let out = try pathway.forward(inputs, noise: &none, purpose: .evaluation)
            return (out.weights, out.active)
        }
        var frequency = Array(repeating: [Double](repeating: 0, count: models), count: classes)
        var meanWeight = frequency
        var counts = [Double](repeating: 0, count: classes)
        var usage = [Double](repeating: 0, count: models)
        var entropy = 0.0
        let w = weights.scalars
        for (r, label) in labels.enumerated() where label >= 0 && label < classes {
            counts[label] += 1
            for i in active[r] { frequency[label][i] += 1 }
            for i in 0..<models {
                let v = Double(w[r * models + i])
                meanWeight[label][i] += v
                usage[i] += v
                if v > 0 { entropy -= v * log(v) }
            }
        }
        for c in 0..<classes where counts[c] > 0 {
            for i in 0..<models {
                frequency[c][i] /= counts[c]
                meanWeight[c][i] /= counts[c]
            }
        }
        let total = usage.reduce(0, +)
        let usageEntropy = total > 0
            ? -usage.map { $0 / total }.filter { $0 > 0 }.map { $0 * log($0) }.reduce(0, +) : 0
        return RoutingStatistics(
            frequency: frequency, meanWeight: meanWeight,
            meanEntropy: labels.isEmpty ? 0 : entropy / Double(labels.count), usageEntropy: usageEntropy)
    }
}
