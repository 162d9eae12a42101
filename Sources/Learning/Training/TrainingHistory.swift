import Foundation
import Tensors

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

extension Evaluation {
    /// The evaluation of output probabilities (N×classes) against labels: accuracy, mean
    /// −log p(label), and the confusion matrix.
    public init(probabilities: Tensor, labels: [Int]) throws {
        let classes = probabilities.shape.last ?? 0
        guard probabilities.rank == 2, probabilities.shape[0] == labels.count else {
            throw TensorError("evaluate", "expected \(labels.count)×classes probabilities, got \(probabilities.shape)")
        }
        var confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        var loss = 0.0
        let predicted = try probabilities.argMaxIndices(axis: -1)
        for (row, (truth, guess)) in zip(labels, predicted).enumerated() {
            guard truth >= 0, truth < classes else {
                throw TensorError("evaluate", "label \(truth) is out of range for \(classes) classes (expected 0..<\(classes))")
            }
            confusion[truth][guess] += 1
            loss -= Foundation.log(max(Double(probabilities.scalars[row * classes + truth]), 1e-12))
        }
        let n = max(labels.count, 1)
        self.init(
            accuracy: Double((0..<classes).reduce(0) { $0 + confusion[$1][$1] }) / Double(n),
            loss: loss / Double(n), confusion: confusion)
    }
}
