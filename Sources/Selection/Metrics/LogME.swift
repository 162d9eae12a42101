import Foundation
import Tensors

/// How ``logME(features:labels:classCount:form:)`` computes the evidence.
public enum LogMEForm: String, Sendable, CaseIterable {
    /// The fixed-point iteration of the LogME reference code (one SVD of F shared by all
    /// classes), with the spectrum padded by zeros to D values so that N < D scores right.
    case fixedPoint
    /// The algorithm of the LogME paper (You et al. 2021): an eigendecomposition of FᵀF when
    /// N > D or of FFᵀ otherwise, and its original update and stopping rules. A cross-check.
    case eigen
}

/// The logarithm of maximum evidence (LogME, You et al. 2021) of a Bayesian linear model from
/// the features to each one-hot label column, averaged over classes and divided by N.
/// Higher is better.
///
/// ```swift
/// let score = try logME(features: f, labels: y)   // f: N x D penultimate features
/// ```
/// - Parameters:
///   - features: N x D features.
///   - labels: N target labels in `0..<classCount`.
///   - classCount: the number of target classes; the largest label + 1 when nil. A class
///     without samples still counts in the mean (its label column is all zero).
///   - form: the fixed-point form (default) or the paper's eigendecomposition form.
/// - Throws: ``TensorError`` naming `logme` for fewer than 2 samples, mismatched or
///   out-of-range labels, NaN or infinite features, or a failed decomposition.
public func logME(
    features: Matrix, labels: [Int], classCount: Int? = nil, form: LogMEForm = .fixedPoint
) throws -> Double {
    let classes = try MetricChecks.classCount(
        "logme", labels: labels, samples: features.rows, given: classCount)
    try MetricChecks.requireFinite(features, metric: "logme")
    let evidences: [Double]
    switch form {
    case .fixedPoint: evidences = try LogMEFixedPoint(features, labels, classes).evidences()
    case .eigen: evidences = try LogMEEigen(features, labels, classes).evidences()
    }
    return evidences.reduce(0, +) / Double(classes)
}

/// Fᵀ Y for the one-hot label matrix Y (D x C): the sum of each class's feature rows.
private func classSums(_ features: Matrix, _ labels: [Int], _ classes: Int) throws -> Matrix {
    let d = features.cols
    var sums = [Double](repeating: 0, count: d * classes)
    features.scalars.withUnsafeBufferPointer { f in
        for (i, label) in labels.enumerated() {
            for j in 0..<d { sums[j * classes + label] += f[i * d + j] }
        }
    }
    return try Matrix(rows: d, cols: classes, scalars: sums)
}

/// The −N/2 log 2π term of every evidence.
private func gaussianConstant(_ n: Double) -> Double { -n / 2 * log(2 * Double.pi) }

/// The fixed-point form: F = U diag(s) Vᵀ once, then per class a scalar iteration on
/// σ = s² and x = Uᵀy.
private struct LogMEFixedPoint {
    let n: Int
    let d: Int
    /// σⱼ = sⱼ² for the singular values above 1e-10 (k of them).
    let sigma: [Double]
    /// x = Uᵀ y for every class: k x C.
    let projections: Matrix
    /// ‖y‖² for every class: its sample count.
    let counts: [Double]

    init(_ features: Matrix, _ labels: [Int], _ classes: Int) throws {
        n = features.rows
        d = features.cols
        var counts = [Double](repeating: 0, count: classes)
        for label in labels { counts[label] += 1 }
        self.counts = counts
        if n > d {
            // As the reference code does for N > D: s² from the D x D Gram matrix FᵀF = V Σ Vᵀ,
            // and Uᵀy = diag(1/s) Vᵀ (Fᵀy), with neither U nor V formed.
            let (values, coordinates) = try symmetricEigen(
                features.gram(), projecting: classSums(features, labels, classes))
            // s = √λ > 1e-10, largest first; a slightly negative λ (rounding) gives NaN: dropped.
            let kept = (0..<d).reversed().filter { values[$0].squareRoot() > 1e-10 }
            sigma = kept.map { values[$0] }
            var x = [Double]()
            for j in kept {
                let scale = 1 / values[j].squareRoot()
                for c in 0..<classes { x.append(coordinates[j, c] * scale) }
            }
            projections = try Matrix(rows: kept.count, cols: classes, scalars: x)
        } else {
            let (u, s, _) = try svd(features)
            let k = s.prefix { $0 > 1e-10 }.count
            sigma = s.prefix(k).map { $0 * $0 }
            // Uᵀ y for a one-hot y is the sum of the class's rows of U.
            var x = [Double](repeating: 0, count: k * classes)
            for (i, label) in labels.enumerated() {
                for j in 0..<k { x[j * classes + label] += u[i, j] }
            }
            projections = try Matrix(rows: k, cols: classes, scalars: x)
        }
    }

    func evidences() -> [Double] {
        (0..<counts.count).map { c in
            let x2 = (0..<sigma.count).map { projections[$0, c] * projections[$0, c] }
            return evidence(x2: x2, norm2: counts[c]) / Double(n)
        }
    }

    /// The maximum evidence for one label column y, given x² = (Uᵀy)² and ‖y‖².
    private func evidence(x2: [Double], norm2: Double) -> Double {
        let nn = Double(n)
        let residualOutside = norm2 - x2.reduce(0, +)  // the part of y outside U's span
        var alpha = 1.0
        var beta = 1.0
        var m2 = 0.0
        var res2 = 0.0
        for _ in 0..<11 {
            let t = alpha / beta
            var gamma = 0.0
            m2 = 0
            res2 = residualOutside
            for (j, s) in sigma.enumerated() {
                gamma += s / (s + t)
                m2 += s * x2[j] / ((t + s) * (t + s))
                let shrink = 1 + s / t
                res2 += x2[j] / (shrink * shrink)
            }
            alpha = gamma / (m2 + 1e-5)
            beta = (nn - gamma) / (res2 + 1e-5)
            if abs(alpha / beta - t) / t <= 1e-3 { break }
        }
        // The spectrum padded with D − k zeros: each adds log(α + β·0) = log α.
        var logDet = Double(d - sigma.count) * log(alpha)
        for s in sigma { logDet += log(alpha + beta * s) }
        return Double(d) / 2 * log(alpha) + nn / 2 * log(beta) - logDet / 2
            - beta / 2 * res2 - alpha / 2 * m2 + gaussianConstant(nn)
    }
}

/// The paper's form: the eigendecomposition of FᵀF (N > D) or FFᵀ (N ≤ D), the original
/// updates (m = β A⁻¹ Fᵀy with A = αI + βFᵀF), a 1e-2 relative stop on α/β, and ε = 1e-5
/// kept in the evidence.
private struct LogMEEigen {
    let features: Matrix
    let labels: [Int]
    let classes: Int

    init(_ features: Matrix, _ labels: [Int], _ classes: Int) {
        self.features = features
        self.labels = labels
        self.classes = classes
    }

    func evidences() throws -> [Double] {
        let n = features.rows
        let d = features.cols
        let gram = n > d ? features.gram() : features.transposed().gram()
        let (rawValues, vectors) = try symmetricEigen(gram)
        let values = rawValues.map { max($0, 0) }  // a Gram matrix is positive semi-definite
        // Coordinates of the label columns in the eigenbasis: Vᵀ(Fᵀy) (D x C) or Uᵀy (N x C).
        let coordinates: Matrix
        if n > d {
            coordinates = try vectors.transposed().matmul(classSums(features, labels, classes))
        } else {
            var oneHot = try Matrix.zeros(rows: n, cols: classes)
            for (i, label) in labels.enumerated() { oneHot[i, label] = 1 }
            coordinates = try vectors.transposed().matmul(oneHot)
        }
        return try (0..<classes).map { c in
            let column = (0..<coordinates.rows).map { coordinates[$0, c] }
            let y = labels.map { $0 == c ? 1.0 : 0.0 }
            return try evidence(values: values, vectors: vectors, column: column, y: y) / Double(n)
        }
    }

    /// The evidence for one label column y, with `column` its eigenbasis coordinates.
    private func evidence(
        values: [Double], vectors: Matrix, column: [Double], y: [Double]
    ) throws -> Double {
        let n = Double(features.rows)
        let d = features.cols
        let wide = features.rows <= features.cols
        var alpha = 1.0
        var beta = 1.0
        var lambda = alpha / beta
        var alphaDe = 0.0
        var betaDe = 0.0
        for _ in 0..<11 {
            let gamma = values.reduce(0.0) { $0 + $1 / ($1 + lambda) }
            if wide {
                // With FFᵀ = U Λ Uᵀ and x = Uᵀy: ‖m‖² = β² Σ λx²/(α+βλ)², and
                // ‖y − Fm‖² = Σ x² α²/(α+βλ)², exact since U spans all of R^N.
                alphaDe = 0
                betaDe = 0
                for (j, v) in values.enumerated() {
                    let a = alpha + beta * v
                    alphaDe += beta * beta * v * column[j] * column[j] / (a * a)
                    betaDe += column[j] * column[j] * alpha * alpha / (a * a)
                }
            } else {
                // m = V diag(β/(α+βλ)) Vᵀ Fᵀ y, and the residual y − F m computed directly.
                let scaled = (0..<d).map { beta * column[$0] / (alpha + beta * values[$0]) }
                let m = try vectors.matmul(Matrix(rows: d, cols: 1, scalars: scaled))
                alphaDe = m.scalars.reduce(0) { $0 + $1 * $1 }
                let fitted = try features.matmul(m)
                betaDe = zip(y, fitted.scalars).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            }
            alpha = gamma / (alphaDe + 1e-5)
            beta = (n - gamma) / (betaDe + 1e-5)
            let next = alpha / beta
            if abs(next - lambda) / lambda < 0.01 { break }
            lambda = next
        }
        // FFᵀ has N eigenvalues; FᵀF's other D − N are zero and each adds log α.
        var logDet = Double(max(d - values.count, 0)) * log(alpha)
        for v in values { logDet += log(alpha + beta * v) }
        return Double(d) / 2 * log(alpha) + n / 2 * log(beta) - logDet / 2
            - beta / 2 * (betaDe + 1e-5) - alpha / 2 * (alphaDe + 1e-5) + gaussianConstant(n)
    }
}
