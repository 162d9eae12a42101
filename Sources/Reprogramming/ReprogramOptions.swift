import Learning
import Tensors

/// How ``Reprogrammer`` trains: the transform, the mapping, the optimizer and its settings.
/// Defaults follow ILM-VP (white-box), BAR (RGF) and BlackVIP (SPSA-GC), METHODS.md §2.
///
/// ```swift
/// var options = ReprogramOptions()
/// options.style = .pad(inner: 20)
/// options.mapping = .frequency
/// options.optimizer = .rgf
/// options.budget = 200_000
/// ```
public struct ReprogramOptions {
    /// How θ is optimised.
    public enum OptimizerKind: String, Sendable, CaseIterable {
        /// Adam on the true gradient through the frozen model (white-box only).
        case adam
        /// BAR's randomised gradient-free estimate, with Adam on the estimate.
        case rgf
        /// BlackVIP's two-sided SPSA with gradient correction.
        case spsaGC = "spsa-gc"
    }

    /// SPSA-GC's gains: a_i = a / (i + o)^α, c_i = c / i^γ at step i (from 1), and the momentum
    /// of its gradient correction.
    public struct SPSAGains: Equatable, Sendable {
        public var o: Float = 1
        public var c: Float = 0.01
        public var a: Float = 0.01
        public var alpha: Float = 0.4
        public var gamma: Float = 0.1
        public var momentum: Float = 0.9

        public init() {}
    }

    /// Where θ goes: a frame around the resized target, or over the whole input.
    public var style: InputTransform.Style = .frame(width: 4)
    /// How θ is bounded.
    public var bound: InputTransform.Bound = .sigmoid
    /// Where the full style's perturbation acts (H×W or C×H×W in [0, 1]); nil: everywhere.
    public var mask: Tensor?
    /// The full style's largest change per pixel.
    public var epsilon: Float = 1
    public var mapping: LabelMapping.Kind = .iterative
    public var optimizer: OptimizerKind = .adam
    public var epochs = 10
    public var batchSize = 64
    /// Adam's learning rate (white-box and RGF; ILM-VP uses 0.01).
    public var learningRate: Float = 0.01
    /// The learning-rate schedule over epochs; nil means ILM-VP's: × 0.1 at 50 % and 72 % of
    /// the epochs (PyTorch's MultiStepLR with milestones int(0.5 E) and int(0.72 E)).
    public var schedule: LearningRateSchedule?
    /// λ of the L2 regulariser λ‖M ⊙ θ‖² (Elsayed et al.); its gradient is exact even when the
    /// model's is estimated.
    public var l2: Float = 0
    /// Cross-entropy, or focal loss (BAR uses γ = 2), over the mapped scores.
    public var loss: TrainingOptions.Loss = .crossEntropy
    /// Zeroth-order directions (RGF's q) or draws (SPSA's q) per step.
    public var directions = 5
    /// RGF's smoothing β.
    public var smoothing: Float = 0.01
    /// RGF's b = d (the number of trained values) when true, b = 1 when false.
    public var scaleByDimension = true
    public var spsaGains = SPSAGains()
    /// Estimate SPSA's gradient at the look-ahead point θ − a_i · momentum · m (the paper)
    /// instead of at θ (BlackVIP's released code).
    public var spsaLookAhead = false
    /// The most queries the training run may make (training, mapping and validation together);
    /// nil: no limit beyond the model's own budget.
    public var budget: Int?
    /// The fraction of the training data held out to choose the checkpoint; 0 trains on all of
    /// it and keeps the last state.
    public var validationFraction = 0.1
    /// Seeds the validation split, batch order, random mapping, linear map and probes.
    public var seed: UInt64 = 0

    public init() {}

    /// The learning rate for a 0-based epoch.
    func learningRate(epoch: Int) -> Float {
        let milestones = [Int(Double(epochs) * 0.5), Int(Double(epochs) * 0.72)]
        return (schedule ?? .multiStep(milestones: milestones, gamma: 0.1)).rate(base: learningRate, epoch: epoch)
    }

    /// Queries one training step makes for a batch of `rows`.
    func queriesPerStep(rows: Int) -> Int {
        switch optimizer {
        case .adam: return rows
        case .rgf: return rows * (directions + 1)
        case .spsaGC: return rows * 2 * directions
        }
    }

    /// Checks every setting.
    /// - Throws: ``ReprogrammingError`` naming the first bad setting and its range.
    func validate() throws {
        func require(_ condition: Bool, _ message: String) throws {
            if !condition { throw ReprogrammingError("reprogram: \(message)") }
        }
        try require(epochs >= 0, "epochs must be ≥ 0, got \(epochs)")
        try require(batchSize >= 1, "batch size must be ≥ 1, got \(batchSize)")
        try require(learningRate > 0 && learningRate.isFinite, "learning rate must be positive, got \(learningRate)")
        try require(l2 >= 0 && l2.isFinite, "l2 must be ≥ 0, got \(l2)")
        try require(directions >= 1, "directions must be ≥ 1, got \(directions)")
        try require(smoothing > 0 && smoothing.isFinite, "smoothing β must be positive, got \(smoothing)")
        let g = spsaGains
        try require(
            g.a > 0 && g.c > 0 && g.o >= 0 && g.alpha >= 0 && g.gamma >= 0 && g.momentum >= 0 && g.momentum < 1,
            "SPSA gains need a > 0, c > 0, o ≥ 0, α ≥ 0, γ ≥ 0 and momentum in [0, 1)")
        try require((budget ?? 0) >= 0, "budget must be ≥ 0, got \(budget ?? 0)")
        try require(
            validationFraction >= 0 && validationFraction < 1,
            "validation fraction must be in [0, 1), got \(validationFraction)")
        if case .focal(let gamma) = loss { try require(gamma >= 0, "focal γ must be ≥ 0, got \(gamma)") }
    }
}
