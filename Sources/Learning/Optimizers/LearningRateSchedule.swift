import Foundation

/// How the learning rate changes over epochs.
public enum LearningRateSchedule: Equatable, Sendable {
    /// The base rate throughout.
    case constant
    /// The rate times `gamma` every `every` epochs (PyTorch's StepLR).
    case step(every: Int, gamma: Float)
    /// The rate times `gamma` at each milestone epoch (PyTorch's MultiStepLR); ILM-VP uses
    /// milestones at 50 % and 72 % of the epochs with gamma 0.1.
    case multiStep(milestones: [Int], gamma: Float)
    /// Cosine annealing from the base rate to `minimum` over `epochs` (PyTorch's CosineAnnealingLR).
    case cosine(epochs: Int, minimum: Float)

    /// The learning rate for a 0-based epoch.
    public func rate(base: Float, epoch: Int) -> Float {
        switch self {
        case .constant:
            return base
        case .step(let every, let gamma):
            return base * pow(gamma, Float(epoch / max(every, 1)))
        case .multiStep(let milestones, let gamma):
            return base * pow(gamma, Float(milestones.filter { $0 <= epoch }.count))
        case .cosine(let epochs, let minimum):
            let progress = Float(min(epoch, epochs)) / Float(max(epochs, 1))
            return minimum + (base - minimum) * (1 + cos(Float.pi * progress)) / 2
        }
    }
}
