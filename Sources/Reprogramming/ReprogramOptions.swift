import Learning

/// How ``Reprogrammer`` trains: the transform, the mapping, the optimizer and its settings.
/// Defaults follow ILM-VP (white-box) and BAR / BlackVIP (black-box), METHODS.md §2.
public struct ReprogramOptions: Sendable {
    /// How θ is optimised.
    public enum OptimizerKind: String, Sendable, CaseIterable {
        /// Adam on the true gradient through the frozen model (white-box).
        case adam
        /// Randomised gradient-free estimate (BAR) with Adam on the estimate (black-box).
        case rgf
        /// Two-sided SPSA with gradient correction (BlackVIP, black-box).
        case spsaGC = "spsa-gc"
    }

    public var style: InputTransform.Style = .pad(inner: 20)
    public var bound: InputTransform.Bound = .sigmoid
    public var mapping: LabelMapping.Kind = .iterative
    public var optimizer: OptimizerKind = .adam
    public var epochs = 10
    public var batchSize = 64
    /// Adam's learning rate (white-box default 0.01, ILM-VP; RGF uses it too).
    public var learningRate: Float = 0.01
    /// Multiply the rate by 0.1 at 50 % and 72 % of the epochs (ILM-VP's schedule).
    public var decayAtMilestones = true
    /// λ of the L2 regulariser on the bounded perturbation.
    public var l2: Float = 0
    public var loss: TrainingOptions.Loss = .crossEntropy
    /// Zeroth-order directions per step.
    public var directions = 5
    /// RGF smoothing β.
    public var smoothing: Float = 0.01
    /// SPSA-GC gains [o, c, a, α, γ].
    public var spsaGains: (o: Float, c: Float, a: Float, alpha: Float, gamma: Float) = (1, 0.01, 0.01, 0.4, 0.1)
    /// Use the look-ahead point of the paper instead of the released code's Nesterov form.
    public var spsaLookAhead = false
    /// The most queries (black-box) for training, mapping and evaluation together.
    public var budget: Int?
    /// The fraction of the training data held out to choose the checkpoint.
    public var validationFraction = 0.1
    public var seed: UInt64 = 0

    public init() {}

    /// The learning-rate schedule these options describe.
    public var schedule: LearningRateSchedule {
        decayAtMilestones
            ? .multiStep(milestones: [Int(Double(epochs) * 0.5), Int(Double(epochs) * 0.72)], gamma: 0.1)
            : .constant
    }
}
