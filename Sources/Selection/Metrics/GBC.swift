import Foundation
import Tensors

/// The per-class covariance model of ``gbc(features:labels:classCount:covariance:pcaDimensions:)``.
public enum GBCCovariance: String, Sendable, CaseIterable {
    /// One variance per class: the mean of its per-dimension variances (the default).
    case spherical
    /// One variance per class and dimension.
    case diagonal
}

/// The Gaussian Bhattacharyya coefficient (GBC, Pándy et al. 2022): minus the total overlap of
/// every pair of class-conditional Gaussians fitted to the features. Higher (closer to 0) is
/// better.
///
/// Each class c gets its mean μ_c and per-dimension variance (population variance, floored at
/// 1e-4; averaged to one value when spherical). For classes 1, 2 with σ̄ = (σ₁ + σ₂)/2,
/// D_B = (1/8) Σ (μ₁ − μ₂)²/σ̄ + ½ [Σ log σ̄ − ½ Σ log σ₁ − ½ Σ log σ₂], where the sums of logs
/// run over dimensions (diagonal) or are a single term (spherical), and
/// GBC = − Σ_{c₁} Σ_{c₂ ≠ c₁} exp(−D_B(c₁, c₂)).
///
/// ```swift
/// let score = try gbc(features: f, labels: y)
/// ```
/// - Parameters:
///   - features: N x D features; projected on their top `pcaDimensions` principal components
///     first when D is larger.
///   - labels: N target labels in `0..<classCount`; every class needs a sample.
///   - classCount: the number of target classes; the largest label + 1 when nil.
///   - covariance: spherical (default) or diagonal.
///   - pcaDimensions: the PCA size (64 by default); nil keeps all dimensions.
/// - Throws: ``TensorError`` naming `gbc` for fewer than 2 samples, mismatched or
///   out-of-range labels, an empty class, NaN or infinite features, or `pcaDimensions` < 1.
public func gbc(
    features: Matrix, labels: [Int], classCount: Int? = nil,
    covariance: GBCCovariance = .spherical, pcaDimensions: Int? = 64
) throws -> Double {
    let classes = try MetricChecks.classCount(
        "gbc", labels: labels, samples: features.rows, given: classCount)
    try MetricChecks.requireFinite(features, metric: "gbc")
    let groups = try MetricChecks.nonEmptyClasses(labels, classCount: classes, metric: "gbc")
    var reduced = features
    if let dims = pcaDimensions {
        guard dims >= 1 else {
            throw TensorError("gbc", "pcaDimensions must be at least 1, got \(dims)")
        }
        if features.cols > dims { reduced = try principalComponents(features, dims) }
    }
    let stats = groups.map { classStatistics(reduced, $0, covariance) }
    var total = 0.0
    for c1 in 0..<classes {
        for c2 in 0..<classes where c2 != c1 {
            total += exp(-bhattacharyyaDistance(stats[c1], stats[c2]))
        }
    }
    return -total
}

/// The centred features projected on their `count` leading principal directions, as
/// scikit-learn's PCA computes them (up to the sign of each direction, which GBC ignores).
private func principalComponents(_ features: Matrix, _ count: Int) throws -> Matrix {
    let centred = features.centered()
    let (_, axes) = try leadingEigenvectors(centred.gram(), count: count)
    return try centred.matmul(axes)
}

/// A class's mean and variance vector (one entry when spherical).
private struct ClassStatistics {
    let mean: [Double]
    let variance: [Double]
}

private func classStatistics(
    _ features: Matrix, _ members: [Int], _ covariance: GBCCovariance
) -> ClassStatistics {
    let d = features.cols
    let count = Double(members.count)
    var mean = [Double](repeating: 0, count: d)
    for i in members {
        for j in 0..<d { mean[j] += features[i, j] }
    }
    mean = mean.map { $0 / count }
    var variance = [Double](repeating: 0, count: d)
    for i in members {
        for j in 0..<d {
            let delta = features[i, j] - mean[j]
            variance[j] += delta * delta
        }
    }
    // The floor keeps constant dimensions from dividing by zero, as in the reference code.
    variance = variance.map { max($0 / count, 1e-4) }
    switch covariance {
    case .spherical: return ClassStatistics(mean: mean, variance: [variance.reduce(0, +) / Double(d)])
    case .diagonal: return ClassStatistics(mean: mean, variance: variance)
    }
}

/// The Bhattacharyya distance between two Gaussians with diagonal or spherical covariance.
private func bhattacharyyaDistance(_ a: ClassStatistics, _ b: ClassStatistics) -> Double {
    // A spherical variance is one value, shared by every dimension of the mean term.
    let spherical = a.variance.count == 1
    var meanTerm = 0.0
    for j in 0..<a.mean.count {
        let k = spherical ? 0 : j
        let delta = a.mean[j] - b.mean[j]
        meanTerm += delta * delta / ((a.variance[k] + b.variance[k]) / 2)
    }
    var logTerm = 0.0
    for k in 0..<a.variance.count {
        let average = (a.variance[k] + b.variance[k]) / 2
        logTerm += log(average) - 0.5 * log(a.variance[k]) - 0.5 * log(b.variance[k])
    }
    return meanTerm / 8 + logTerm / 2
}
