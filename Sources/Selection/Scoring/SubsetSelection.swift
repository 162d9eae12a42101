import Foundation
import Learning
import ModelHub

/// The models chosen by greedy forward selection
/// (``ModelSelector/greedy(_:data:metric:mode:maxModels:shouldStop:)``), in the order they were
/// added, with the score of the growing set after each step.
public struct SubsetSelection {
    /// One step: the model added, the set's score with it, and every candidate's score.
    public struct Step {
        public let added: String
        public let score: Double
        /// The score of the set with each remaining model added, in library order.
        public let candidates: [(name: String, score: Double)]
    }

    public let metric: TransferabilityMetric
    public let mode: SelectionMode
    /// The chosen models, in the order they were added.
    public let models: [SourceModel]
    public let steps: [Step]
    /// Why selection stopped, e.g. `no remaining model raises the score`.
    public let stopReason: String
    /// Queries made to read the models' probabilities.
    public let queries: Int

    /// The chosen models' names.
    public var names: [String] { models.map(\.name) }

    /// One row per step: step, model added, score of the set, and the set.
    public var table: String {
        let rows = steps.enumerated().map { i, step in
            [String(i + 1), step.added, String(format: "%.4f", step.score),
             names.prefix(i + 1).joined(separator: " + ")]
        }
        let header = ["step", "added", "\(metric.name) of set", "set"]
        return TextTable(header: header, rows: rows).rendered + "\nstopped: \(stopReason)"
    }
}
