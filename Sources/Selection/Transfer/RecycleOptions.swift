import Learning

/// Training options for ``Recycler`` and ``GroundTruth``: Adam on mini-batches, with method
/// defaults where a value is nil.
public struct RecycleOptions: Sendable {
    public var epochs = 10
    public var batchSize = 64
    /// The Adam learning rate; nil uses the method's default (0.01 for heads, biases and mixing
    /// weights, 0.005 for LoRA, 0.001 for fine-tuning).
    public var learningRate: Float?
    /// LoRA's rank r.
    public var rank = 4
    /// LoRA's scale α (the update is multiplied by α / r).
    public var alpha: Float = 8
    public var weightDecay: Float = 0
    /// Seeds the head, LoRA's A matrices and the batch order.
    public var seed: UInt64 = 0

    public init() {}

    /// The trainer's options for `method`.
    /// - Throws: ``SelectionError`` when a value is out of range.
    func training(for method: RecycleMethod, label: String) throws -> TrainingOptions {
        guard epochs >= 0 else { throw SelectionError("recycle: epochs must be ≥ 0, got \(epochs)") }
        guard batchSize >= 1 else { throw SelectionError("recycle: batch size must be ≥ 1, got \(batchSize)") }
        let rate = learningRate ?? method.defaultLearningRate
        guard rate > 0, rate.isFinite else {
            throw SelectionError("recycle: learning rate must be positive and finite, got \(rate)")
        }
        guard weightDecay >= 0, weightDecay.isFinite else {
            throw SelectionError("recycle: weight decay must be ≥ 0, got \(weightDecay)")
        }
        var options = TrainingOptions()
        options.epochs = epochs
        options.batchSize = batchSize
        options.learningRate = rate
        options.optimizer = .adam
        options.weightDecay = weightDecay
        options.seed = seed &+ 1
        options.label = label
        return options
    }
}
