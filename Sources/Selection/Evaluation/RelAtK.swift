import Tensors

/// rel@k: the best ground-truth value among the k items with the highest scores, divided by the
/// best ground-truth value overall (1 when the top k by score include the best model).
///
/// Equal scores keep list order; NaN scores rank last.
///
/// ```swift
/// let rel = try relAtK(scores: [0.9, 0.1, 0.5], truth: [0.70, 0.80, 0.75], k: 2)   // 0.9375
/// ```
/// - Throws: ``TensorError`` naming `relAtK` when the lists differ in length or are empty,
///   k is not in 1...count, a truth value is not finite, or the best truth is not positive.
public func relAtK(scores: [Double], truth: [Double], k: Int) throws -> Double {
    guard scores.count == truth.count else {
        throw TensorError("relAtK", "scores has \(scores.count) values but truth has \(truth.count)")
    }
    guard !truth.isEmpty else { throw TensorError("relAtK", "needs at least 1 value, got 0") }
    guard (1...truth.count).contains(k) else {
        throw TensorError("relAtK", "k must be in 1...\(truth.count), got \(k)")
    }
    if let i = truth.firstIndex(where: { !$0.isFinite }) {
        throw TensorError("relAtK", "truth holds \(truth[i]) at index \(i) (expected finite values)")
    }
    let best = truth.max() ?? 0
    guard best > 0 else {
        throw TensorError("relAtK", "the best truth value must be positive, got \(best)")
    }
    let ranked = scores.indices.sorted { a, b in
        if scores[a].isNaN != scores[b].isNaN { return scores[b].isNaN }
        if scores[a].isNaN || scores[a] == scores[b] { return a < b }
        return scores[a] > scores[b]
    }
    let bestInTop = ranked.prefix(k).map { truth[$0] }.max() ?? 0
    return bestInTop / best
}
