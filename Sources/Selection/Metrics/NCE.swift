import Foundation
import Tensors

/// The negative conditional entropy (NCE, Tran et al. 2019) of the target labels given the
/// source model's top-1 predictions on the target data: −H(Y | Z). Higher is better; at most 0.
///
/// With P̂(y, z) the empirical joint of (label, prediction) counts over N,
/// NCE = Σ_z P̂(z) Σ_y P̂(y | z) log(P̂(y | z) + 1e-20), over predictions that occur.
///
/// ```swift
/// let score = try nce(probabilities: theta, labels: y)
/// ```
/// - Parameters:
///   - probabilities: N x C_s output probabilities; each row's prediction is its argmax
///     (the first of equal maxima).
///   - labels: N target labels in `0..<classCount`.
///   - classCount: the number of target classes; the largest label + 1 when nil.
/// - Throws: ``TensorError`` naming `nce` for fewer than 2 samples, mismatched or
///   out-of-range labels, or invalid probabilities.
public func nce(probabilities: Matrix, labels: [Int], classCount: Int? = nil) throws -> Double {
    try MetricChecks.requireProbabilities(probabilities, metric: "nce")
    let sources = probabilities.cols
    let predictions = (0..<probabilities.rows).map { i in
        var best = 0
        for z in 1..<max(sources, 1) where probabilities[i, z] > probabilities[i, best] { best = z }
        return best
    }
    return try nce(predictions: predictions, labels: labels, classCount: classCount)
}

/// The negative conditional entropy −H(Y | Z) of target labels given predicted source classes.
///
/// - Parameters:
///   - predictions: N source-class indices (the source model's top-1 predictions), each >= 0.
///   - labels: N target labels in `0..<classCount`.
///   - classCount: the number of target classes; the largest label + 1 when nil.
/// - Throws: ``TensorError`` naming `nce` for fewer than 2 samples, mismatched counts, a
///   negative prediction, or out-of-range labels.
public func nce(predictions: [Int], labels: [Int], classCount: Int? = nil) throws -> Double {
    let n = predictions.count
    let classes = try MetricChecks.classCount(
        "nce", labels: labels, samples: n, given: classCount)
    if let i = predictions.firstIndex(where: { $0 < 0 }) {
        throw TensorError("nce", "prediction \(predictions[i]) at index \(i) is negative")
    }
    let sources = (predictions.max() ?? 0) + 1
    var joint = [Double](repeating: 0, count: classes * sources)
    for i in 0..<n { joint[labels[i] * sources + predictions[i]] += 1 / Double(n) }
    var total = 0.0
    for z in 0..<sources {
        let marginal = (0..<classes).reduce(0.0) { $0 + joint[$1 * sources + z] }
        guard marginal > 0 else { continue }
        var inner = 0.0
        for y in 0..<classes {
            let p = joint[y * sources + z] / marginal
            inner += p * log(p + 1e-20)
        }
        total += marginal * inner
    }
    return total
}
