import Datasets
import Learning
import ModelHub
import Tensors

/// What the target data reaches without reprogramming, through the same models (METHODS.md §2):
/// the yardsticks reported beside every reprogramming result.
///
/// Target images are fitted to the source input (resized, gray repeated into the channels).
/// Every image row that runs through the source model counts as one query, as in
/// reprogramming: training rows as training queries, test rows as evaluation queries.
///
/// ```swift
/// let probe = try Baseline.linearProbe.run(model, train: task.train, test: task.test)
/// print(probe.accuracy, probe.trainableParameters)
/// ```
public enum Baseline: String, Sendable, CaseIterable {
    /// A linear classifier on the frozen model's penultimate features (white-box), standardised
    /// with the training split's mean and deviation.
    case linearProbe = "linear-probe"
    /// A linear classifier on the model's output probabilities (black-box is enough): on their
    /// logarithm, floored at 1e-6 and standardised, since near one-hot probabilities hide
    /// everything but the top class.
    case probabilityHead = "probability-head"
    /// The model's architecture with a new last layer for the target classes, trained from
    /// scratch on the target data (the source model only lends its spec).
    case scratch

    /// Trains the baseline on `train` and measures its accuracy on `test`.
    /// - Throws: ``ReprogrammingError`` for a black box asked for features, or mismatched data;
    ///   training errors.
    public func run(
        _ model: SourceModel, train: Dataset, test: Dataset, options: BaselineOptions = BaselineOptions(),
        shouldStop: () -> Bool = { false }
    ) throws -> BaselineResult {
        guard test.classCount <= train.classCount else {
            throw ReprogrammingError(
                "\(rawValue): the test data has \(test.classCount) classes, the training data \(train.classCount)")
        }
        let trainInputs = try InputAdapter.adapt(train.inputs, to: model.card.inputShape, model: model.name)
        let testInputs = try InputAdapter.adapt(test.inputs, to: model.card.inputShape, model: model.name)
        var training = TrainingOptions()
        training.epochs = options.epochs
        training.batchSize = options.batchSize
        training.seed = options.seed
        training.label = rawValue
        var queries = QueryCounts()
        let network: Sequential
        let (x, xTest): (Tensor, Tensor)
        switch self {
        case .linearProbe:
            let white = try model.whiteBox(for: "its features (for a linear probe)")
            let features = try white.extractFeatures(trainInputs)
            let testFeatures = try white.extractFeatures(testInputs)
            (x, xTest) = try Baseline.standardized(features, testFeatures)
            queries = QueryCounts(training: train.count, evaluation: test.count)
            network = try Baseline.head(inputs: x.shape[1], classes: train.classCount, seed: options.seed)
            training.learningRate = options.learningRate ?? 1e-2
        case .probabilityHead:
            let p = try model.probabilities(trainInputs, for: .training)
            let pTest = try model.probabilities(testInputs, for: .evaluation)
            (x, xTest) = try Baseline.standardized(
                try p.clamped(min: 1e-6).log(), try pTest.clamped(min: 1e-6).log())
            queries = QueryCounts(training: train.count, evaluation: test.count)
            network = try Baseline.head(inputs: x.shape[1], classes: train.classCount, seed: options.seed)
            training.learningRate = options.learningRate ?? 1e-2
        case .scratch:
            let spec = try Baseline.architecture(model.card.architecture, classes: train.classCount)
            network = try Architecture.parse(spec, seed: options.seed)
            (x, xTest) = (trainInputs, testInputs)
            training.learningRate = options.learningRate ?? 1e-3
        }
        let history = try Trainer.fit(network, inputs: x, labels: train.labels, options: training, shouldStop: shouldStop)
        let evaluation = try Trainer.evaluate(network, inputs: xTest, labels: test.labels)
        return BaselineResult(
            baseline: self, accuracy: evaluation.accuracy, trainableParameters: network.parameterCount,
            queries: queries, history: history)
    }

    /// One linear layer from `inputs` values to `classes` scores.
    static func head(inputs: Int, classes: Int, seed: UInt64) throws -> Sequential {
        var rng = Random(seed: seed)
        return Sequential([Linear(inputs, classes, rng: &rng)])
    }

    /// Both sets standardised per column with the first one's mean and deviation (floor 1e-6).
    static func standardized(_ train: Tensor, _ test: Tensor) throws -> (Tensor, Tensor) {
        let mean = try train.mean(axes: [0], keepDims: true)
        let deviation = try (train - mean).square().mean(axes: [0], keepDims: true).sqrt() + 1e-6
        return (try (train - mean) / deviation, try (test - mean) / deviation)
    }

    /// `spec` with its last linear layer giving `classes` outputs.
    /// - Throws: ``ReprogrammingError`` when the spec has no linear layer.
    static func architecture(_ spec: String, classes: Int) throws -> String {
        let expanded = try Architecture.expandPreset(spec)
        guard let open = expanded.range(of: "linear(", options: .backwards),
            let close = expanded[open.upperBound...].firstIndex(of: ")")
        else {
            throw ReprogrammingError("scratch: the architecture '\(spec)' has no linear layer to give \(classes) outputs")
        }
        var arguments = expanded[open.upperBound..<close].split(separator: ",").map(String.init)
        guard arguments.count >= 2 else {
            throw ReprogrammingError("scratch: expected linear(in,out) in '\(spec)'")
        }
        arguments[1] = String(classes)
        return String(expanded[..<open.upperBound]) + arguments.joined(separator: ",") + String(expanded[close...])
    }
}

/// How ``Baseline/run(_:train:test:options:shouldStop:)`` trains (Adam).
public struct BaselineOptions: Sendable {
    public var epochs = 20
    public var batchSize = 64
    /// Adam's rate; nil: 1e-2 for the linear heads, 1e-3 from scratch.
    public var learningRate: Float?
    /// Seeds the new layers and the batch order.
    public var seed: UInt64 = 0

    public init() {}
}

/// A trained baseline: its test accuracy, what it trained, and the queries it made.
public struct BaselineResult: Sendable {
    public let baseline: Baseline
    /// Accuracy on the test data.
    public let accuracy: Double
    /// The number of trained values.
    public let trainableParameters: Int
    public let queries: QueryCounts
    public let history: TrainingHistory
}
