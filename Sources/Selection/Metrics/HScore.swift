import Tensors

/// The H-score (Bao et al. 2019) of features for a classification task:
/// tr(pinv(cov(f)) · cov(g)), where gᵢ is the mean feature of sample i's class. It measures how
/// much of the feature variance lies between classes; higher is better, at most C − 1.
///
/// Covariances are normalised by N − 1 and the pseudo-inverse uses numpy's default cut-off
/// (singular values at or below 1e-15 times the largest are dropped), as the reference code.
///
/// ```swift
/// let score = try hScore(features: f, labels: y)
/// ```
/// - Parameters:
///   - features: N x D features.
///   - labels: N target labels in `0..<classCount`.
///   - classCount: the number of target classes; the largest label + 1 when nil.
/// - Throws: ``TensorError`` naming `hscore` for fewer than 2 samples, mismatched or
///   out-of-range labels, NaN or infinite features, or a failed decomposition.
public func hScore(features: Matrix, labels: [Int], classCount: Int? = nil) throws -> Double {
    let classes = try MetricChecks.classCount(
        "hscore", labels: labels, samples: features.rows, given: classCount)
    try MetricChecks.requireFinite(features, metric: "hscore")
    let n = features.rows
    let d = features.cols
    // cov(g) without forming g: the rows of g − mean(g) are μ_c − μ, each n_c times, so
    // cov(g) = Mᵀ M / (N − 1) with row c of M equal to √n_c (μ_c − μ).
    let mean = features.columnMeans()
    let groups = MetricChecks.indicesByClass(labels, classCount: classes)
    var between = try Matrix.zeros(rows: classes, cols: d)
    for (c, members) in groups.enumerated() where !members.isEmpty {
        var classMean = [Double](repeating: 0, count: d)
        for i in members {
            for j in 0..<d { classMean[j] += features[i, j] }
        }
        let weight = Double(members.count).squareRoot()
        for j in 0..<d { between[c, j] = weight * (classMean[j] / Double(members.count) - mean[j]) }
    }
    // With cov(f) = V Λ Vᵀ, pinv(cov f) = V Λ⁺ Vᵀ (a symmetric matrix's singular values are
    // |λ|, so numpy's cut-off applies to them), and
    // tr(pinv(cov f) Mᵀ M) = Σⱼ ‖(Vᵀ Mᵀ)ⱼ‖² / λⱼ over the kept λⱼ: no D x D inverse or product.
    let (values, coordinates) = try symmetricEigen(
        try features.covariance(), projecting: between.transposed())
    let cutoff = 1e-15 * (values.map { abs($0) }.max() ?? 0)
    var trace = 0.0
    for (j, value) in values.enumerated() where abs(value) > cutoff {
        var norm2 = 0.0
        for c in 0..<classes { norm2 += coordinates[j, c] * coordinates[j, c] }
        trace += norm2 / value
    }
    return trace / Double(n - 1)
}
