/// How a Hub-Pathway is built and trained (METHODS.md §3; every choice is an option).
///
/// ```swift
/// var options = PathwayOptions()
/// options.k = 2                       // models run per input
/// options.noise = .fixed(0.5)         // or .learned (default), .none
/// options.exploration = .entropy      // or .cv2 (default), .none
/// options.finetune = true             // also train the activated white-box models, 10× slower
/// ```
public struct PathwayOptions: Sendable, Equatable, Codable {
    /// Where the routing logits come from.
    public enum Gating: String, Sendable, Equatable, Codable, CaseIterable {
        /// A pathway generator: a small network on the raw input.
        case generator
        /// Equal logits for every input and no generator (so no noise and no exploration loss):
        /// a uniform ensemble of all the models (k = M).
        case uniform
    }

    /// Training-time noise on the routing logits (none at evaluation).
    public enum Noise: Equatable, Sendable, Codable {
        /// l̃ = l + ε ⊙ (softplus(h W_noise) + 0.01), with h the generator's hidden features:
        /// noisy top-k gating with a learned scale.
        case learned
        /// l̃ = l + σ ε.
        case fixed(Float)
        /// l̃ = l.
        case none
    }

    /// The exploration loss on a batch's routing weights.
    public enum Exploration: String, Sendable, Equatable, Codable, CaseIterable {
        /// CV² (variance over squared mean) of the importance Σ_x w_i(x).
        case cv2
        /// The negative entropy of the batch-mean weights.
        case entropy
        case none
    }

    /// Models activated (run) per input.
    public var k = 2
    public var gating: Gating = .generator
    public var noise: Noise = .learned
    public var exploration: Exploration = .cv2
    /// λ_explore.
    public var explorationWeight: Float = 0.01
    /// λ_exploit: the weight of each activated model's own cross-entropy (0 turns it off).
    public var exploitationWeight: Float = 1
    /// Also train the white-box models themselves (private copies, never the library's), on
    /// the inputs routed to them, at `learningRate × finetuneScale`.
    public var finetune = false
    public var finetuneScale: Float = 0.1
    public var epochs = 10
    public var batchSize = 64
    /// Adam's rate for the generator and the heads.
    public var learningRate: Float = 3e-3
    /// Hidden units of the generator.
    public var generatorHidden = 64
    /// Seeds the generator and heads, the batch order and the noise.
    public var seed: UInt64 = 0

    public init() {}

    /// Checks the options against a hub of `models` models.
    /// - Throws: ``PathwayError`` naming the first option out of range.
    public func validate(models: Int) throws {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw PathwayError("pathway: \(message())") }
        }
        try check(models >= 1, "expected at least one model, got none")
        try check((1...models).contains(k), "k must be in 1...\(models) for \(models) models, got \(k)")
        try check(
            gating == .generator || k == models,
            "a uniform ensemble runs every model (k = \(models)), got k = \(k)")
        if case .fixed(let sigma) = noise {
            try check(sigma.isFinite && sigma >= 0, "noise σ must be finite and ≥ 0, got \(sigma)")
        }
        try check(
            explorationWeight.isFinite && explorationWeight >= 0,
            "exploration weight must be finite and ≥ 0, got \(explorationWeight)")
        try check(
            exploitationWeight.isFinite && exploitationWeight >= 0,
            "exploitation weight must be finite and ≥ 0, got \(exploitationWeight)")
        try check(
            finetuneScale.isFinite && finetuneScale >= 0, "finetune scale must be finite and ≥ 0, got \(finetuneScale)")
        try check(epochs >= 0, "epochs must be ≥ 0, got \(epochs)")
        try check(batchSize >= 1, "batch size must be ≥ 1, got \(batchSize)")
        try check(
            learningRate.isFinite && learningRate > 0, "learning rate must be finite and > 0, got \(learningRate)")
        try check(generatorHidden >= 1, "generator hidden units must be ≥ 1, got \(generatorHidden)")
    }
}
