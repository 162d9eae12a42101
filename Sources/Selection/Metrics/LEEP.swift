import Foundation
import Tensors

/// The log expected empirical prediction (LEEP, Nguyen et al. 2020) of a source model on a
/// target task: how well the model's output distribution, re-mapped to target labels through
/// their empirical joint distribution, predicts those labels. Higher is better; at most 0.
///
/// With P̂(y, z) = (1/N) Σ_{i: yᵢ = y} θ(xᵢ)_z and P̂(y | z) = P̂(y, z) / P̂(z),
/// LEEP = (1/N) Σᵢ log Σ_z P̂(yᵢ | z) θ(xᵢ)_z. Source classes with P̂(z) = 0 are skipped.
///
/// ```swift
/// let score = try leep(probabilities: theta, labels: y)   // theta: N x source classes
/// ```
/// - Parameters:
///   - probabilities: N x C_s output probabilities of the source model.
///   - labels: N target labels in `0..<classCount`.
///   - classCount: the number of target classes; the largest label + 1 when nil.
/// - Throws: ``TensorError`` naming `leep` for fewer than 2 samples, mismatched or
///   out-of-range labels, or probabilities that are negative, not finite or all zero in a row.
public func leep(probabilities: Matrix, labels: [Int], classCount: Int? = nil) throws -> Double {
    let n = probabilities.rows
    let sources = probabilities.cols
    let classes = try MetricChecks.classCount(
        "leep", labels: labels, samples: n, given: classCount)
    try MetricChecks.requireProbabilities(probabilities, metric: "leep")
    let theta = probabilities.scalars
    var joint = [Double](repeating: 0, count: classes * sources)
    for i in 0..<n {
        let row = labels[i] * sources
        for z in 0..<sources { joint[row + z] += theta[i * sources + z] / Double(n) }
    }
    var conditional = [Double](repeating: 0, count: classes * sources)
    for z in 0..<sources {
        let marginal = (0..<classes).reduce(0.0) { $0 + joint[$1 * sources + z] }
        guard marginal > 0 else { continue }
        for y in 0..<classes { conditional[y * sources + z] = joint[y * sources + z] / marginal }
    }
    var total = 0.0
    for i in 0..<n {
        let row = labels[i] * sources
        var expected = 0.0
        for z in 0..<sources { expected += conditional[row + z] * theta[i * sources + z] }
        total += log(expected)
    }
    return total / Double(n)
}
