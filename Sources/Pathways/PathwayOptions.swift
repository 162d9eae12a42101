/// How a Hub-Pathway is built and trained (METHODS.md §3; every choice is an option).
public struct PathwayOptions: Sendable {
    /// Training-time noise on the generator's logits.
    public enum Noise: Equatable, Sendable {
        /// l̃ = l + ε ⊙ (softplus(h W_noise) + 0.01): noisy top-k gating with a learned scale.
        case learned
        /// l̃ = l + σ ε.
        case fixed(Float)
        case none
    }

    /// The exploration loss on the batch's routing weights.
    public enum Exploration: String, Sendable, CaseIterable {
        /// CV² of the importance Σ_x w_i(x).
        case cv2
        /// Negative entropy of the batch-mean weights.
        case entropy
        case none
    }

    /// Models activated per input.
    public var k = 2
    public var noise: Noise = .learned
    public var exploration: Exploration = .cv2
    /// λ_explore.
    public var explorationWeight: Float = 0.01
    /// λ_exploit (0 turns the exploitation loss off).
    public var exploitationWeight: Float = 1
    /// Fine-tune the activated models themselves at `learningRate × finetuneScale` (white-box).
    public var finetune = false
    public var finetuneScale: Float = 0.1
    public var epochs = 10
    public var batchSize = 64
    public var learningRate: Float = 1e-3
    /// Hidden units of the generator.
    public var generatorHidden = 64
    public var seed: UInt64 = 0

    public init() {}
}
