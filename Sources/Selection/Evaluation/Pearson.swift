import Tensors

/// The Pearson correlation coefficient of two lists, as `scipy.stats.pearsonr` computes it.
///
/// NaN when either list is constant (as in scipy) or holds NaN.
///
/// ```swift
/// let r = try pearson([1, 2, 3], [2, 4, 7])   // 0.9933992677987828
/// ```
/// - Throws: ``TensorError`` naming `pearson` when the lists differ in length or hold fewer
///   than 2 values.
public func pearson(_ x: [Double], _ y: [Double]) throws -> Double {
    guard x.count == y.count else {
        throw TensorError("pearson", "x has \(x.count) values but y has \(y.count)")
    }
    guard x.count >= 2 else {
        throw TensorError("pearson", "needs at least 2 values, got \(x.count)")
    }
    if x.allSatisfy({ $0 == x[0] }) || y.allSatisfy({ $0 == y[0] }) { return .nan }
    let n = Double(x.count)
    let xMean = x.reduce(0, +) / n
    let yMean = y.reduce(0, +) / n
    let xc = x.map { $0 - xMean }
    let yc = y.map { $0 - yMean }
    let xNorm = xc.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let yNorm = yc.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let r = zip(xc, yc).reduce(0) { $0 + ($1.0 / xNorm) * ($1.1 / yNorm) }
    return r.isNaN ? r : min(1, max(-1, r))
}
