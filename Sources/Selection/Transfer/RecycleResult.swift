import Datasets
import Foundation
import Learning
import ModelHub
import Tensors

/// A recycled model: the chosen source models with their trained head (and adapted layers),
/// what trained, how well it does and what it cost.
public final class RecycleResult {
    public let method: RecycleMethod
    /// The number of values that trained (head, mixing weights, biases or LoRA factors).
    public let trainableParameters: Int
    public let history: TrainingHistory
    /// Accuracy on the training data after training.
    public let trainAccuracy: Double
    /// Accuracy on the test data, when it was given.
    public let testAccuracy: Double?
    /// Queries made while recycling (training reads and the test evaluation), by purpose.
    public let queries: [QueryPurpose: Int]
    /// Wall-clock seconds, reading, training and testing.
    public let seconds: Double
    let network: RecycledNetwork

    init(
        method: RecycleMethod, network: RecycledNetwork, history: TrainingHistory, trainAccuracy: Double,
        testAccuracy: Double?, queries: [QueryPurpose: Int], seconds: Double
    ) {
        self.method = method
        self.network = network
        self.trainableParameters = network.trainableCount
        self.history = history
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.queries = queries
        self.seconds = seconds
    }

    /// The recycled source models, in the order given.
    public var models: [SourceModel] { network.sources.map(\.source) }

    /// The access the method needed.
    public var access: ModelAccess { method.access }

    /// All queries made while recycling.
    public var totalQueries: Int { queries.values.reduce(0, +) }

    /// True when training stopped at the user's request.
    public var interrupted: Bool { history.interrupted }

    /// Each model's share of the mix (``RecycleMethod/mix`` only), by model name.
    public var mixingWeights: [(name: String, weight: Double)]? {
        network.head.mixingWeights.map { Array(zip(models.map(\.name), $0)) }
    }

    /// Target-class scores (logits, N × classes) for target inputs; black-box models count the
    /// reads as evaluation queries.
    public func scores(_ inputs: Tensor) throws -> Tensor {
        network.purpose = .evaluation
        return try withNoGrad { try network(inputs) }
    }

    /// The predicted target class of each input.
    public func predict(_ inputs: Tensor) throws -> [Int] {
        try scores(inputs).argMaxIndices(axis: -1)
    }

    /// Accuracy on labelled target data (black-box: counted as evaluation queries).
    /// - Throws: ``SelectionError`` when the data has another number of classes.
    public func accuracy(on data: Dataset) throws -> Double {
        guard data.classCount == network.head.linear.outputSize else {
            throw SelectionError(
                "recycle.accuracy: the data has \(data.classCount) classes, the recycled model \(network.head.linear.outputSize)")
        }
        network.purpose = .evaluation
        return try Trainer.evaluate(network, inputs: data.inputs, labels: data.labels).accuracy
    }

    /// One row per result: method, models, access, trainable parameters, train and test
    /// accuracy, queries.
    public static func table(_ results: [RecycleResult]) -> String {
        let rows = results.map { r in
            [
                r.method.rawValue, r.models.map(\.name).joined(separator: " + "), r.access.rawValue,
                String(r.trainableParameters), String(format: "%.1f%%", 100 * r.trainAccuracy),
                r.testAccuracy.map { String(format: "%.1f%%", 100 * $0) } ?? "-", String(r.totalQueries),
            ]
        }
        let header = ["method", "models", "access", "trainable", "train acc", "test acc", "queries"]
        return TextTable(header: header, rows: rows).rendered
    }
}

extension RecycleResult: CustomStringConvertible {
    /// The result as a one-row table.
    public var description: String { RecycleResult.table([self]) }
}
