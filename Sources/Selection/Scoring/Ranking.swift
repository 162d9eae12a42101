import Foundation
import Learning
import ModelHub

/// Source models ranked by a transferability metric on a target task, best first: what
/// ``ModelSelector/select(_:data:metric:mode:shouldStop:)`` returns.
///
/// ```swift
/// let ranking = try ModelSelector.select(library.models, data: task.train, metric: .logme)
/// print(ranking.table)                      // model, access, metric, score, rank, time, queries
/// let picked = try ranking.top(3)
/// let check = try ranking.correlate(truth)  // weighted τ, Pearson, rel@1, rel@3
/// ```
public struct Ranking {
    /// One scored model.
    public struct Entry {
        public let model: SourceModel
        /// How the model was read: white-box (features) or black-box (probabilities).
        public let access: ModelAccess
        /// What the metric scored: the model's features or its output probabilities.
        public let input: TransferabilityMetric.Input
        public let score: Double
        /// 1 for the highest score; NaN scores rank last.
        public let rank: Int
        /// Seconds spent reading the model's outputs and scoring them.
        public let seconds: Double
        /// Queries made to the model while scoring it.
        public let queries: Int

        /// The model's name.
        public var name: String { model.name }
    }

    /// The metric the models were scored with.
    public let metric: TransferabilityMetric
    /// The mode the models were read in.
    public let mode: SelectionMode
    /// The scored models, best first.
    public let entries: [Entry]
    /// True when scoring stopped at the user's request; `entries` holds the models scored so far.
    public let interrupted: Bool

    /// One model's score and what it cost, before ranking.
    typealias Scored = (
        model: SourceModel, access: ModelAccess, input: TransferabilityMetric.Input, score: Double,
        seconds: Double, queries: Int
    )

    /// Ranks scored models: highest score first, NaN last, ties in the given order.
    init(metric: TransferabilityMetric, mode: SelectionMode, scored: [Scored], interrupted: Bool) {
        let order = scored.indices.sorted { a, b in
            let (x, y) = (scored[a].score, scored[b].score)
            if x.isNaN != y.isNaN { return y.isNaN }
            if x.isNaN || x == y { return a < b }
            return x > y
        }
        self.metric = metric
        self.mode = mode
        self.interrupted = interrupted
        entries = order.enumerated().map { position, index in
            let s = scored[index]
            return Entry(
                model: s.model, access: s.access, input: s.input, score: s.score, rank: position + 1,
                seconds: s.seconds, queries: s.queries)
        }
    }

    /// The model names, best first.
    public var names: [String] { entries.map(\.name) }

    /// The score of the model with this name, if it was scored.
    public func score(of name: String) -> Double? {
        entries.first { $0.name == name }?.score
    }

    /// The access column of an entry: the access used, and a note when a feature metric scored
    /// output probabilities (the black-box extension).
    public func accessDescription(_ entry: Entry) -> String {
        metric.input == .features && entry.input == .probabilities
            ? "\(entry.access.rawValue) (θ as features)" : entry.access.rawValue
    }

    /// How the models were read, for figure titles: the one access every entry shares (e.g.
    /// `white-box`), or the selection mode when they differ.
    public var accessSummary: String {
        let kinds = Set(entries.map(accessDescription))
        return kinds.count == 1 ? kinds.first ?? mode.rawValue : mode.rawValue
    }

    /// The ranking as a text table: model, access, metric, score, rank, time, queries.
    public var table: String {
        let rows = entries.map { e in
            [
                e.name, accessDescription(e), metric.name, String(format: "%.4f", e.score), String(e.rank),
                String(format: "%.2f", e.seconds), String(e.queries),
            ]
        }
        let header = ["model", "access", "metric", "score", "rank", "time (s)", "queries"]
        let note = interrupted ? "\n(interrupted: \(entries.count) models scored)" : ""
        return TextTable(header: header, rows: rows).rendered + note
    }

    /// The `k` best models.
    /// - Throws: ``SelectionError`` unless `k` is in `1...entries.count`.
    public func top(_ k: Int) throws -> [SourceModel] {
        guard k >= 1, k <= entries.count else {
            throw SelectionError("ranking.top: k must be in 1...\(entries.count), got \(k)")
        }
        return entries.prefix(k).map(\.model)
    }

    /// How well the scores predict `truth` (a value per model name, e.g. target accuracy):
    /// weighted Kendall τ, Pearson, and rel@k for each of `ks` up to the number of models.
    /// - Throws: ``SelectionError`` when a ranked model has no truth value, fewer than 2 models
    ///   are ranked, or a k is not positive; the evaluation functions' errors otherwise.
    public func correlate(_ truth: [String: Double], ks: [Int] = [1, 3]) throws -> RankingCorrelation {
        guard entries.count >= 2 else {
            throw SelectionError("ranking.correlate: needs at least 2 ranked models, got \(entries.count)")
        }
        if let k = ks.first(where: { $0 < 1 }) {
            throw SelectionError("ranking.correlate: k must be at least 1, got \(k)")
        }
        let values = try entries.map { entry in
            guard let value = truth[entry.name] else {
                let known = truth.keys.sorted().joined(separator: ", ")
                throw SelectionError(
                    "ranking.correlate: no ground truth for model '\(entry.name)' (truth has: \(known))")
            }
            return value
        }
        let scores = entries.map(\.score)
        let rel = try ks.filter { $0 <= entries.count }.map {
            (k: $0, value: try relAtK(scores: scores, truth: values, k: $0))
        }
        return RankingCorrelation(
            metric: metric.name, weightedTau: try weightedTau(scores, values),
            pearson: try pearson(scores, values), relAtK: rel)
    }

    /// How well the scores predict a measured ground truth (its accuracy per model).
    public func correlate(_ truth: GroundTruth, ks: [Int] = [1, 3]) throws -> RankingCorrelation {
        try correlate(truth.accuracies, ks: ks)
    }
}
