/// One epoch of pathway training: the loss and its parts (means over the epoch's inputs),
/// accuracy, time, and how many models ran per input.
public struct PathwayEpoch: Equatable, Sendable, Codable {
    public var epoch: Int
    /// L = L_task + λ_explore L_explore + λ_exploit L_exploit.
    public var loss: Double
    /// Cross-entropy of the aggregated prediction.
    public var taskLoss: Double
    /// The exploration loss (before its λ).
    public var explorationLoss: Double
    /// The exploitation loss (before its λ).
    public var exploitationLoss: Double
    /// Accuracy of the (noisy) training predictions.
    public var trainAccuracy: Double
    /// Accuracy on the validation data after the epoch, when some was given.
    public var validationAccuracy: Double?
    /// Wall-clock seconds of the epoch's training steps (validation not included).
    public var seconds: Double
    /// Model runs per training input (k when only the activated models run).
    public var modelRunsPerInput: Double
}
