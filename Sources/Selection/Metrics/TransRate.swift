import Tensors

/// TransRate (Huang et al. 2022): the coding rate of the centred features minus the mean coding
/// rate of each class's features. Higher is better.
///
/// R(Z) = ½ logdet(I + ZᵀZ / (n ε)) for Z with n rows; TrR = R(f) − (1/C) Σ_c R(f_{y=c}), where f
/// is centred once and the class subsets are not centred again (as in the reference code).
///
/// ```swift
/// let score = try transRate(features: f, labels: y)
/// ```
/// - Parameters:
///   - features: N x D features.
///   - labels: N target labels in `0..<classCount`; every class needs a sample.
///   - classCount: the number of target classes; the largest label + 1 when nil.
///   - epsilon: the distortion ε (1e-4 by default).
/// - Throws: ``TensorError`` naming `transrate` for fewer than 2 samples, mismatched or
///   out-of-range labels, an empty class, NaN or infinite features, or ε ≤ 0.
public func transRate(
    features: Matrix, labels: [Int], classCount: Int? = nil, epsilon: Double = 1e-4
) throws -> Double {
    let classes = try MetricChecks.classCount(
        "transrate", labels: labels, samples: features.rows, given: classCount)
    try MetricChecks.requireFinite(features, metric: "transrate")
    guard epsilon > 0, epsilon.isFinite else {
        throw TensorError("transrate", "epsilon must be positive and finite, got \(epsilon)")
    }
    let groups = try MetricChecks.nonEmptyClasses(labels, classCount: classes, metric: "transrate")
    let centred = features.centered()
    var classRates = 0.0
    for members in groups {
        classRates += try codingRate(centred.selectingRows(members), epsilon)
    }
    return try codingRate(centred, epsilon) - classRates / Double(classes)
}

/// R(Z) = ½ logdet(I + ZᵀZ / (n ε)), through the smaller of ZᵀZ and ZZᵀ (equal log-determinants
/// by Sylvester's identity).
private func codingRate(_ z: Matrix, _ epsilon: Double) throws -> Double {
    var gram = z.rows < z.cols ? z.transposed().gram() : z.gram()
    let scale = 1 / (Double(z.rows) * epsilon)
    for i in 0..<gram.rows {
        for j in 0..<gram.cols { gram[i, j] *= scale }
        gram[i, i] += 1
    }
    return try logDeterminant(gram) / 2
}
