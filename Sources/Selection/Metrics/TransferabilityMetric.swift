import Tensors

/// A transferability metric by name: what it needs and how to run it.
///
/// ```swift
/// let metric = try TransferabilityMetric(name: "logme")
/// let score = try metric.score(features: f, probabilities: nil, labels: y)
/// ```
public enum TransferabilityMetric: String, Sendable, CaseIterable {
    case leep, nce, logme, hscore, gbc, transrate

    /// What a metric needs to see of a source model.
    public enum Access: String, Sendable {
        /// Output probabilities only.
        case blackBox = "black-box"
        /// Internal features.
        case whiteBox = "white-box"
    }

    /// The input a metric scores.
    public enum Input: String, Sendable {
        /// N x D penultimate features f(x).
        case features
        /// N x C_s output probabilities θ(x).
        case probabilities
    }

    /// Looks a metric up by its name (`leep`, `nce`, `logme`, `hscore`, `gbc`, `transrate`).
    /// - Throws: ``TensorError`` naming the known metrics when `name` is not one of them.
    public init(name: String) throws {
        guard let metric = TransferabilityMetric(rawValue: name) else {
            let known = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw TensorError("metric", "unknown metric \"\(name)\" (expected one of \(known))")
        }
        self = metric
    }

    /// The metric's name, as `init(name:)` accepts it.
    public var name: String { rawValue }

    /// Whether the metric needs only outputs (black-box) or internal features (white-box).
    public var access: Access {
        switch self {
        case .leep, .nce: .blackBox
        case .logme, .hscore, .gbc, .transrate: .whiteBox
        }
    }

    /// The input the metric scores.
    public var input: Input { access == .blackBox ? .probabilities : .features }

    /// Scores a source model on a target task with this metric and its default options.
    ///
    /// Feature metrics read `features` and probability metrics read `probabilities`; the
    /// other may be nil. To run a feature metric black-box, pass probabilities as `features`.
    /// - Throws: ``TensorError`` naming the metric when its input is nil, or any error of the
    ///   metric itself.
    public func score(
        features: Matrix?, probabilities: Matrix?, labels: [Int], classCount: Int? = nil
    ) throws -> Double {
        // Qualified: inside this enum, `leep` and `nce` name its cases.
        let (y, c) = (labels, classCount)
        switch self {
        case .leep: return try Selection.leep(probabilities: given(probabilities), labels: y, classCount: c)
        case .nce: return try Selection.nce(probabilities: given(probabilities), labels: y, classCount: c)
        case .logme: return try Selection.logME(features: given(features), labels: y, classCount: c)
        case .hscore: return try Selection.hScore(features: given(features), labels: y, classCount: c)
        case .gbc: return try Selection.gbc(features: given(features), labels: y, classCount: c)
        case .transrate:
            return try Selection.transRate(features: given(features), labels: y, classCount: c)
        }
    }

    /// The metric's input, or an error saying which input it needs.
    private func given(_ matrix: Matrix?) throws -> Matrix {
        guard let matrix else {
            switch input {
            case .features: throw TensorError(name, "needs features (a white-box metric), got none")
            case .probabilities:
                throw TensorError(name, "needs output probabilities (a black-box metric), got none")
            }
        }
        return matrix
    }
}
