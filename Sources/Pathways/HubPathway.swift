import Datasets
import ModelHub
import Tensors

/// A trained Hub-Pathway: the routed network over the hub's models, the target's classes, its
/// training history and routing.
///
/// ```swift
/// let lib = try DefaultLibrary.open()
/// var options = PathwayOptions()
/// options.k = 2
/// let pw = try HubPathway.train(lib.models, on: task.train, options: options)
/// try pw.accuracy(task.test)              // noise-free, k models per input
/// print(try pw.routing(task.test).table)  // mean weight per class and model
/// try pw.save(path: "pathway.safetensors")
/// let back = try HubPathway.load(path: "pathway.safetensors", library: lib)
/// ```
public final class HubPathway {
    /// The routed network: generator, experts and heads.
    public let network: PathwayModel
    /// The target's class names (labels index into them).
    public let classNames: [String]
    /// One record per trained epoch.
    public internal(set) var history: [PathwayEpoch]
    /// How the last full training epoch routed its batches (with training noise).
    public internal(set) var trainingRouting: RoutingStatistics?
    /// Why training ended before its last epoch ("interrupted", a spent budget), or nil.
    public internal(set) var stopReason: String?

    init(network: PathwayModel, classNames: [String], history: [PathwayEpoch] = []) {
        self.network = network
        self.classNames = classNames
        self.history = history
    }

    /// Trains a pathway over `models` on `data`; with `validation`, records its accuracy after
    /// every epoch. `shouldStop` is checked before every batch (Ctrl-C keeps what was learned).
    /// - Throws: ``PathwayError`` for invalid options, models that cannot read the inputs, or a
    ///   black box asked to fine-tune; errors of the models themselves.
    public static func train(
        _ models: [SourceModel], on data: Dataset, validation: Dataset? = nil,
        options: PathwayOptions = PathwayOptions(), shouldStop: () -> Bool = { false }
    ) throws -> HubPathway {
        let network = try PathwayModel(
            models: models, classes: data.classCount, inputShape: data.inputShape, options: options)
        let result = HubPathway(network: network, classNames: data.classNames)
        if let validation { try result.checkClasses(validation, "validation") }
        let outcome = try PathwayTrainer.fit(
            network, inputs: data.inputs, labels: data.labels, classNames: data.classNames,
            validation: validation.map { ($0.inputs, $0.labels) }, shouldStop: shouldStop)
        result.history = outcome.history
        result.trainingRouting = outcome.trainingRouting
        result.stopReason = outcome.stopReason
        return result
    }

    /// The options it was built and trained with.
    public var options: PathwayOptions { network.options }

    /// The hub models' names, in routing order.
    public var modelNames: [String] { network.modelNames }

    /// Aggregated class probabilities (N×classes), without noise.
    public func probabilities(_ inputs: Tensor) throws -> Tensor {
        try PathwayEvaluation.probabilities(network, inputs: inputs)
    }

    /// The predicted class of each input.
    public func predict(_ inputs: Tensor) throws -> [Int] {
        try probabilities(inputs).argMaxIndices(axis: -1)
    }

    /// The fraction of `data` predicted right.
    /// - Throws: ``PathwayError`` when `data` has other classes or input shapes.
    public func accuracy(_ data: Dataset) throws -> Double {
        try checkClasses(data, "accuracy")
        return try PathwayEvaluation.accuracy(network, inputs: data.inputs, labels: data.labels)
    }

    /// How `data` is routed (without noise): per class and model, activation frequency and mean
    /// weight; routing entropy.
    public func routing(_ data: Dataset) throws -> RoutingStatistics {
        try checkClasses(data, "routing")
        return try PathwayEvaluation.routing(
            network, inputs: data.inputs, labels: data.labels, classNames: classNames)
    }

    /// Input rows each hub model has run on so far (training and evaluation), by model name.
    public var modelRuns: [(model: String, runs: Int)] {
        network.experts.map { ($0.source.name, $0.runs) }
    }

    /// The number of trained values (generator, heads, and fine-tuned models).
    public var trainableParameters: Int { network.trainableParameters }

    private func checkClasses(_ data: Dataset, _ operation: String) throws {
        guard data.classNames == classNames else {
            throw PathwayError(
                "pathway \(operation): '\(data.name)' has classes \(HubPathway.summary(data.classNames)), the pathway was trained on \(HubPathway.summary(classNames))")
        }
    }

    private static func summary(_ names: [String]) -> String {
        let shown = names.prefix(4).joined(separator: ", ")
        return "[\(shown)\(names.count > 4 ? ", … (\(names.count))" : "")]"
    }
}
