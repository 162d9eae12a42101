import Foundation

/// How well a ranking's scores predict a ground truth: weighted Kendall τ (hyperbolic weights,
/// as `scipy.stats.weightedtau`), Pearson's r, and rel@k (best truth among the top k by score
/// over the best truth overall).
public struct RankingCorrelation: Equatable, Sendable {
    /// The metric whose scores were compared.
    public let metric: String
    public let weightedTau: Double
    public let pearson: Double
    /// rel@k for each k asked for (those above the number of models are left out).
    public let relAtK: [RelAtK]

    /// One rel@k value.
    public struct RelAtK: Equatable, Sendable {
        public let k: Int
        public let value: Double
    }

    init(metric: String, weightedTau: Double, pearson: Double, relAtK: [(k: Int, value: Double)]) {
        self.metric = metric
        self.weightedTau = weightedTau
        self.pearson = pearson
        self.relAtK = relAtK.map { RelAtK(k: $0.k, value: $0.value) }
    }

    /// rel@k for this k, if it was computed.
    public func rel(at k: Int) -> Double? {
        relAtK.first { $0.k == k }?.value
    }
}

extension RankingCorrelation: CustomStringConvertible {
    /// One line, e.g. `logme: weighted τ 0.712, Pearson 0.804, rel@1 1.000, rel@3 1.000`.
    public var description: String {
        let rel = relAtK.map { String(format: ", rel@%d %.3f", $0.k, $0.value) }.joined()
        return "\(metric): " + String(format: "weighted τ %.3f, Pearson %.3f", weightedTau, pearson) + rel
    }
}
