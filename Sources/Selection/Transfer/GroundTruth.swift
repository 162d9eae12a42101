import Datasets
import Foundation
import Learning
import ModelHub

/// What each source model really achieves on a target task after transfer: the ground truth a
/// ranking is judged against (``Ranking/correlate(_:ks:)``).
///
/// ```swift
/// let truth = try GroundTruth.measure(library.models, train: task.train, test: task.test, method: .finetune)
/// print(truth.table)
/// let check = try ranking.correlate(truth)
/// ```
public struct GroundTruth {
    /// How each model is transferred.
    public enum Method: String, Sendable, CaseIterable {
        /// A linear head on the frozen features (on the probabilities for a black-box model).
        case probe
        /// Every weight and a new head, at a small learning rate (white-box models only).
        case finetune

        /// Looks a method up by name (`probe`, `finetune`).
        /// - Throws: ``SelectionError`` naming the known methods.
        public init(name: String) throws {
            guard let method = Method(rawValue: name) else {
                throw SelectionError("groundtruth: unknown method \"\(name)\" (expected \"probe\" or \"finetune\")")
            }
            self = method
        }
    }

    /// One model's transfer result.
    public struct Entry {
        public let name: String
        /// The recycling method used (`probe`, `head` or `finetune`).
        public let method: RecycleMethod
        /// Test accuracy after transfer.
        public let accuracy: Double
        public let trainAccuracy: Double
        public let trainableParameters: Int
        public let seconds: Double
        public let queries: Int
    }

    public let method: Method
    public let epochs: Int
    /// One entry per model, in the order given.
    public let entries: [Entry]
    /// True when measuring stopped at the user's request (the entries measured so far are kept).
    public let interrupted: Bool

    /// Test accuracy by model name.
    public var accuracies: [String: Double] {
        Dictionary(entries.map { ($0.name, $0.accuracy) }, uniquingKeysWith: { first, _ in first })
    }

    /// Transfers every model alone with `method` for `options.epochs` epochs on `train`, and
    /// measures its accuracy on `test`.
    /// - Throws: ``SelectionError`` for no models, or fine-tuning a black-box model; any error
    ///   of ``Recycler/recycle(_:train:test:method:options:shouldStop:)``.
    public static func measure(
        _ models: [SourceModel], train: Dataset, test: Dataset, method: Method = .finetune,
        options: RecycleOptions = RecycleOptions(), shouldStop: () -> Bool = { false }
    ) throws -> GroundTruth {
        guard !models.isEmpty else { throw SelectionError("groundtruth: expected at least one model, got none") }
        var entries: [Entry] = []
        var interrupted = false
        for model in models {
            if shouldStop() {
                interrupted = true
                break
            }
            let recycling: RecycleMethod
            switch method {
            case .finetune:
                guard model.access == .whiteBox else {
                    throw SelectionError(
                        "groundtruth: model '\(model.name)' is a black box and cannot be fine-tuned (use method \"probe\")")
                }
                recycling = .finetune
            case .probe: recycling = model.access == .whiteBox ? .probe : .head
            }
            let result = try Recycler.recycle(
                [model], train: train, test: test, method: recycling, options: options, shouldStop: shouldStop)
            entries.append(
                Entry(
                    name: model.name, method: recycling, accuracy: result.testAccuracy ?? 0,
                    trainAccuracy: result.trainAccuracy, trainableParameters: result.trainableParameters,
                    seconds: result.seconds, queries: result.totalQueries))
            if result.interrupted {
                interrupted = true
                break
            }
        }
        return GroundTruth(method: method, epochs: options.epochs, entries: entries, interrupted: interrupted)
    }

    /// One row per model: name, method, test and train accuracy, trainable parameters, time,
    /// queries.
    public var table: String {
        let rows = entries.map { e in
            [
                e.name, e.method.rawValue, String(format: "%.1f%%", 100 * e.accuracy),
                String(format: "%.1f%%", 100 * e.trainAccuracy), String(e.trainableParameters),
                String(format: "%.1f", e.seconds), String(e.queries),
            ]
        }
        let header = ["model", "method", "test acc", "train acc", "trainable", "time (s)", "queries"]
        let note = interrupted ? "\n(interrupted: \(entries.count) models measured)" : ""
        return TextTable(header: header, rows: rows).rendered + note
    }
}
