import Datasets
import Learning
import ModelHub
import Tensors

/// Parameter-efficient transfer of a chosen subset of source models to a target task, with no
/// source data: every method trains a new linear head on the models' outputs, concatenated and
/// standardised with statistics of the training data (see ``RecycleMethod``).
///
/// The library's models are never changed: BitFit, LoRA and fine-tuning work on copies.
///
/// ```swift
/// let picked = try ranking.top(3)
/// let lora = try Recycler.recycle(picked, train: task.train, test: task.test, method: .lora)
/// print(lora.trainableParameters, lora.testAccuracy ?? 0)
/// ```
public enum Recycler {
    /// Trains `method` on `train` and measures it on `test` when given.
    ///
    /// Black-box reads are counted queries: the training inputs once per model for training
    /// (`head` caches them), and the test inputs once per model for evaluation.
    /// `shouldStop` is checked before every batch; training then ends there, keeping what was
    /// learned, and the result is marked interrupted.
    /// - Throws: ``SelectionError`` for no models or no training data, a black-box model with a
    ///   white-box method (suggesting `head`), a model without a linear head, a test set with
    ///   other classes, or bad options; ``HubError`` when a query budget runs out.
    public static func recycle(
        _ models: [SourceModel], train: Dataset, test: Dataset? = nil, method: RecycleMethod,
        options: RecycleOptions = RecycleOptions(), shouldStop: () -> Bool = { false }
    ) throws -> RecycleResult {
        guard !models.isEmpty else { throw SelectionError("recycle: expected at least one model, got none") }
        guard train.count > 0 else { throw SelectionError("recycle: the training data is empty (expected labelled images)") }
        if let test, test.classNames != train.classNames {
            throw SelectionError(
                "recycle: the test data's \(test.classCount) classes differ from the training data's \(train.classCount) "
                    + "(expected the same class list)")
        }
        let start = ContinuousClock.now
        let baseline = models.map(\.ledger.counts)
        let label = "\(method.rawValue) \(models.map(\.name).joined(separator: "+"))"
        let training = try options.training(for: method, label: label)
        var rng = Random(seed: options.seed)
        let sources = try models.map { try makeSource($0, method: method, options: options, rng: &rng) }

        // Standardise each source with its outputs on the training data, before any training.
        var trainBlocks: [Tensor] = []
        for source in sources {
            let raw = try withNoGrad { try source.read(train.inputs, purpose: .training) }
            try source.fitStandardization(raw)
            trainBlocks.append(try source.standardized(raw))
        }
        let head = try FeatureHead(
            widths: sources.map(\.width), classes: train.classCount, mixing: method == .mix, rng: &rng)
        let network = RecycledNetwork(sources: sources, head: head)

        let history: TrainingHistory
        let trainAccuracy: Double
        if method.adaptsModels {
            history = try Trainer.fit(
                network, inputs: train.inputs, labels: train.labels, options: training, shouldStop: shouldStop)
            trainAccuracy = try Trainer.evaluate(network, inputs: train.inputs, labels: train.labels).accuracy
        } else {
            // Frozen outputs do not change: train the head on them once read.
            let features = trainBlocks.count == 1 ? trainBlocks[0] : try concatenate(trainBlocks, axis: 1)
            history = try Trainer.fit(
                head, inputs: features, labels: train.labels, options: training, shouldStop: shouldStop)
            trainAccuracy = try Trainer.evaluate(head, inputs: features, labels: train.labels).accuracy
        }
        network.purpose = .evaluation
        let testAccuracy = try test.map {
            try Trainer.evaluate(network, inputs: $0.inputs, labels: $0.labels).accuracy
        }
        var queries: [QueryPurpose: Int] = [:]
        for (model, before) in zip(models, baseline) {
            for (purpose, count) in model.ledger.counts where count > (before[purpose] ?? 0) {
                queries[purpose, default: 0] += count - (before[purpose] ?? 0)
            }
        }
        return RecycleResult(
            method: method, network: network, history: history, trainAccuracy: trainAccuracy,
            testAccuracy: testAccuracy, queries: queries, seconds: seconds(since: start))
    }

    /// How `model` enters a recycled model under `method`: read frozen, through probabilities,
    /// or through a copy of its feature layers with the method's parameters trainable.
    private static func makeSource(
        _ model: SourceModel, method: RecycleMethod, options: RecycleOptions, rng: inout Random
    ) throws -> RecycledSource {
        if method == .head { return try RecycledSource(model, reader: .probabilities(model)) }
        let whiteBox: Model
        do {
            whiteBox = try model.whiteBox(for: "its weights and features")
        } catch {
            throw SelectionError(
                "recycle: method \"\(method.rawValue)\" needs white-box models, but \(error) "
                    + "(use method \"head\" for black-box models)")
        }
        if method == .probe || method == .mix { return try RecycledSource(model, reader: .frozen(whiteBox)) }
        let copy = try whiteBox.copy()
        guard let headIndex = copy.network.layers.lastIndex(where: { $0 is Linear }) else {
            throw SelectionError("recycle: model '\(model.name)' has no linear layer to replace with a new head")
        }
        var layers = Array(copy.network.layers[..<headIndex])
        switch method {
        case .bitfit:
            for layer in layers {
                for (name, p) in layer.namedParameters { p.requiresGrad = name == "bias" }
            }
        case .lora:
            layers = try layers.map { layer in
                if let linear = layer as? Linear {
                    return try LoRALinear(linear, rank: options.rank, alpha: options.alpha, rng: &rng)
                }
                if let conv = layer as? Conv2d {
                    return try LoRAConv2d(conv, rank: options.rank, alpha: options.alpha, rng: &rng)
                }
                return layer
            }
        default:
            break  // fine-tuning trains every copied weight
        }
        return try RecycledSource(model, reader: .adapted(whiteBox, body: Sequential(layers)))
    }
}
