/// What happened in one epoch of training.
public struct EpochRecord: Equatable, Sendable {
    public var epoch: Int
    public var loss: Double
    public var accuracy: Double
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    public var learningRate: Float
    public var seconds: Double
}

/// Per-epoch records of a training run, for printing and plotting.
public struct TrainingHistory: Equatable, Sendable {
    public var epochs: [EpochRecord] = []
    /// True when training stopped early at the user's request (Ctrl-C).
    public var interrupted = false
    /// Training samples processed per second, over the whole run.
    public var samplesPerSecond: Double = 0

    public init() {}
}

/// Accuracy, mean loss and confusion matrix of a model on labelled data.
public struct Evaluation: Equatable, Sendable {
    public var accuracy: Double
    public var loss: Double
    /// `confusion[true][predicted]` counts.
    public var confusion: [[Int]]
}
