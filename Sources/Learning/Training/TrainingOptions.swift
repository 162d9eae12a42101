import Tensors

/// How ``Trainer/fit(_:inputs:labels:options:validation:shouldStop:)`` trains.
public struct TrainingOptions {
    /// Which update rule to use.
    public enum OptimizerKind: String, Sendable, CaseIterable {
        case sgd, momentum, nesterov, adam, adamw
    }

    /// The loss on the logits.
    public enum Loss: Equatable, Sendable {
        case crossEntropy
        case focal(gamma: Float)
    }

    public var epochs = 10
    public var batchSize = 64
    public var learningRate: Float = 1e-3
    public var optimizer: OptimizerKind = .adam
    public var weightDecay: Float = 0
    public var schedule: LearningRateSchedule = .constant
    public var loss: Loss = .crossEntropy
    /// Clip the joint gradient norm to this value before each step.
    public var clipNorm: Float?
    /// Seeds the batch order (and nothing else).
    public var seed: UInt64 = 0
    /// A label for the progress bar.
    public var label = "epoch"

    public init() {}

    /// The optimizer over `parameters` that these options describe.
    public func makeOptimizer(_ parameters: [Parameter]) -> Optimizer {
        switch optimizer {
        case .sgd:
            return SGD(parameters, learningRate: learningRate, weightDecay: weightDecay)
        case .momentum:
            return SGD(parameters, learningRate: learningRate, momentum: 0.9, weightDecay: weightDecay)
        case .nesterov:
            return SGD(
                parameters, learningRate: learningRate, momentum: 0.9, nesterov: true,
                weightDecay: weightDecay)
        case .adam:
            return Adam(parameters, learningRate: learningRate, weightDecay: weightDecay)
        case .adamw:
            return Adam(parameters, learningRate: learningRate, weightDecay: weightDecay, decoupled: true)
        }
    }

    /// The loss of `logits` against `labels`.
    public func lossValue(_ logits: Tensor, _ labels: [Int]) throws -> Tensor {
        switch loss {
        case .crossEntropy: return try crossEntropy(logits: logits, labels: labels)
        case .focal(let gamma): return try focalLoss(logits: logits, labels: labels, gamma: gamma)
        }
    }
}
