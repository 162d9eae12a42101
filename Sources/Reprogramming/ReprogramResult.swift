import Learning
import ModelHub
import Tensors

/// One epoch of reprogramming.
public struct ReprogramEpoch: Equatable, Sendable {
    public var epoch: Int
    public var loss: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double
    /// Queries used so far (all purposes).
    public var queries: Int
}

/// A reprogrammed model: the frozen source model with a learned input transform and label
/// mapping, its training history and the queries it cost.
public final class ReprogramResult {
    public let model: SourceModel
    public let transform: InputTransform
    public let mapping: LabelMapping
    public let options: ReprogramOptions
    public internal(set) var history: [ReprogramEpoch] = []
    /// The epoch whose checkpoint was kept (best validation accuracy); 0 = the initial prompt.
    public internal(set) var chosenEpoch = 0
    /// True when training stopped at the budget or at the user's request.
    public internal(set) var stoppedEarly = false
    public internal(set) var stopReason: String?
    /// The model's query counts when this result began, so that ``queries`` counts only its own.
    private let baseline: [QueryPurpose: Int]

    init(model: SourceModel, transform: InputTransform, mapping: LabelMapping, options: ReprogramOptions) {
        self.model = model
        self.transform = transform
        self.mapping = mapping
        self.options = options
        baseline = model.ledger.counts
    }

    /// Queries made for this result (training, mapping, evaluation), including later evaluations.
    public var queries: [QueryPurpose: Int] {
        var result: [QueryPurpose: Int] = [:]
        for (purpose, count) in model.ledger.counts {
            let own = count - (baseline[purpose] ?? 0)
            if own > 0 { result[purpose] = own }
        }
        return result
    }

    /// The number of trained values: θ under the mask, plus a linear mapping's weights.
    public var trainableParameters: Int {
        transform.trainableCount + mapping.parameters.reduce(0) { $0 + $1.value.count }
    }

    /// Target scores for target inputs (N×Ct); black-box models count `purpose` queries.
    public func scores(_ inputs: Tensor, for purpose: QueryPurpose = .evaluation) throws -> Tensor {
        try withNoGrad {
            let logp = try Reprogrammer.sourceLogProbabilities(model, try transform(inputs), purpose: purpose)
            return try mapping.scores(logProbabilities: logp)
        }
    }

    /// Predicted target classes.
    public func predict(_ inputs: Tensor) throws -> [Int] {
        try scores(inputs).argMaxIndices(axis: -1)
    }

    /// Accuracy on labelled target data (black-box: counted as evaluation queries).
    public func accuracy(_ inputs: Tensor, labels: [Int]) throws -> Double {
        let predicted = try predict(inputs)
        guard !labels.isEmpty else { return 0 }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// The learned perturbation as the source model sees it (C×H×W, masked).
    public var perturbation: Tensor {
        get throws { try withNoGrad { try transform.perturbation() } }
    }

    /// Total queries.
    public var totalQueries: Int { queries.values.reduce(0, +) }
}
