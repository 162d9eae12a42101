import Datasets
import Learning
import ModelHub
import Tensors

/// One epoch of reprogramming (a run stopped early ends with a partial epoch).
public struct ReprogramEpoch: Equatable, Sendable, Codable {
    /// 1-based.
    public var epoch: Int
    /// The mean training loss over the epoch's batches (for zeroth-order optimizers, at θ for
    /// RGF and the mean over the probes for SPSA-GC), without the L2 term.
    public var loss: Double
    public var trainAccuracy: Double
    /// Accuracy on the held-out validation split after the epoch (nil without one).
    public var validationAccuracy: Double?
    /// All queries of the result so far.
    public var queries: Int
    public var learningRate: Float
    public var seconds: Double
}

/// A reprogrammed model: the frozen source model with a learned input transform and label
/// mapping, its training history and the queries it cost.
///
/// ```swift
/// let rp = try Reprogrammer.train(model, on: task.train, options: options)
/// print(try rp.accuracy(task.test), rp.queries)
/// print(rp.mappingTable.rendered)
/// try rp.save(path: "digits-on-letters.safetensors")
/// ```
public final class ReprogramResult {
    public let model: SourceModel
    public let transform: InputTransform
    public let mapping: LabelMapping
    /// The options the result was trained with (for a loaded result: its transform, mapping,
    /// optimizer, epochs and seed; the rest at their defaults).
    public let options: ReprogramOptions
    /// The target task's class names, in label order.
    public let classNames: [String]
    public internal(set) var history: [ReprogramEpoch] = []
    /// The epoch whose state was kept: the best on the validation split (0 is the initial
    /// prompt), or the last one without a validation split.
    public internal(set) var chosenEpoch = 0
    /// Why training ended before its last epoch ("query budget reached", "interrupted"), or nil.
    public internal(set) var stopReason: String?
    let source: SourceQueries

    init(
        model: SourceModel, transform: InputTransform, mapping: LabelMapping, options: ReprogramOptions,
        classNames: [String], queries: QueryCounts = QueryCounts()
    ) {
        self.model = model
        self.transform = transform
        self.mapping = mapping
        self.options = options
        self.classNames = classNames
        source = SourceQueries(model: model, counts: queries)
    }

    /// The queries made through this result (training, label mapping, validation and every
    /// later evaluation), exactly, by purpose.
    public var queries: QueryCounts { source.counts }

    /// The number of trained values: θ under the mask, plus a linear mapping's weights.
    public var trainableParameters: Int {
        transform.trainableCount + mapping.parameters.reduce(0) { $0 + $1.value.count }
    }

    /// The reprogrammed inputs the source model sees (N×Cs×Hs×Ws) for target inputs.
    public func reprogrammed(_ inputs: Tensor) throws -> Tensor {
        try withNoGrad { try transform(inputs) }
    }

    /// Source log-probabilities (N×Cs) of target inputs through the transform, in chunks,
    /// counting N queries for `purpose`.
    func sourceLogProbabilities(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        try withNoGrad {
            let n = inputs.shape.first ?? 0
            if n == 0 {
                // Nothing to ask the model; the shape is still checked.
                _ = try transform.place(inputs)
                return try Tensor.zeros([0, mapping.sourceClasses])
            }
            guard n > SourceQueries.chunk else {
                return try source.logProbabilities(try transform(inputs), for: purpose)
            }
            var parts: [Tensor] = []
            for start in stride(from: 0, to: n, by: SourceQueries.chunk) {
                let part = try inputs.gathered(indices: Array(start..<min(n, start + SourceQueries.chunk)), axis: 0)
                parts.append(try source.logProbabilities(try transform(part), for: purpose))
            }
            return try concatenate(parts, axis: 0)
        }
    }

    /// Target scores (N×Ct) for target inputs (N×C×H×W in [0, 1]); counts N evaluation queries.
    public func scores(_ inputs: Tensor) throws -> Tensor {
        try scores(inputs, for: .evaluation)
    }

    func scores(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        try withNoGrad { try mapping.scores(logProbabilities: try sourceLogProbabilities(inputs, for: purpose)) }
    }

    /// The predicted target class of each input; counts N evaluation queries.
    public func predict(_ inputs: Tensor) throws -> [Int] {
        try scores(inputs).argMaxIndices(axis: -1)
    }

    /// Accuracy on labelled target data; counts one evaluation query per sample.
    /// - Throws: ``ReprogrammingError`` when the data has more classes than the result knows.
    public func accuracy(_ data: Dataset) throws -> Double {
        guard data.classCount <= classNames.count else {
            throw ReprogrammingError(
                "accuracy: the data has \(data.classCount) classes, the reprogrammed model predicts \(classNames.count)")
        }
        return try accuracy(data.inputs, labels: data.labels)
    }

    func accuracy(_ inputs: Tensor, labels: [Int]) throws -> Double {
        guard !labels.isEmpty else { return 0 }
        let predicted = try predict(inputs)
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// The learned perturbation as the source model sees it (C×H×W, zero off the mask); see
    /// ``InputTransform/perturbation()``.
    public var perturbation: Tensor {
        get throws { try transform.perturbation() }
    }

    /// The mapping as a table of target classes and the source classes they read.
    public var mappingTable: TextTable {
        mapping.table(sourceNames: model.card.classNames, targetNames: classNames)
    }
}
