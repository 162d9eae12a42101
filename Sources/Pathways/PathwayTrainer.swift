import Foundation
import Learning
import ModelHub
import Tensors

/// One epoch of pathway training.
public struct PathwayEpoch: Equatable, Sendable {
    public var epoch: Int
    public var loss: Double
    public var taskLoss: Double
    public var accuracy: Double
    public var seconds: Double
    /// Model runs per input in this epoch (k when only the activated models run).
    public var modelRunsPerInput: Double
}

/// Trains a ``PathwayModel``: L = L_task + λ_explore L_explore + λ_exploit L_exploit, with Adam on
/// the generator and heads, and a second Adam at a lower rate on fine-tuned models.
public enum PathwayTrainer {
    /// Trains `pathway` on target `inputs` and `labels`; stops cleanly when `shouldStop` is true.
    @discardableResult
    public static func fit(
        _ pathway: PathwayModel, inputs: Tensor, labels: [Int], shouldStop: () -> Bool = { false }
    ) throws -> (history: [PathwayEpoch], interrupted: Bool) {
        let options = pathway.options
        let n = labels.count
        guard inputs.shape.first == n, n > 0 else {
            throw PathwayError("pathway: expected one label per input, got \(inputs.shape.first ?? 0) inputs and \(n) labels")
        }
        let adam = Adam(pathway.parameters, learningRate: options.learningRate)
        let modelAdam = Adam(pathway.modelParameters, learningRate: options.learningRate * options.finetuneScale)
        var rng = Random(seed: options.seed &+ 7)
        var history: [PathwayEpoch] = []
        let steps = (n + options.batchSize - 1) / options.batchSize
        let bar = ProgressBar(total: steps * options.epochs)
        defer { bar.finish() }
        for epoch in 0..<options.epochs {
            let start = Date()
            let runsBefore = pathway.experts.reduce(0) { $0 + $1.evaluations }
            let order = rng.permutation(n)
            var (lossSum, taskSum, correct) = (0.0, 0.0, 0)
            for b in 0..<steps {
                if shouldStop() { return (history, true) }
                let rows = Array(order[(b * options.batchSize)..<min(n, (b + 1) * options.batchSize)])
                let x = try inputs.gathered(indices: rows, axis: 0)
                let y = rows.map { labels[$0] }
                adam.zeroGrad()
                modelAdam.zeroGrad()
                var noise: Random? = options.noise == .none ? nil : Random(seed: rng.next())
                let out = try pathway.forward(x, labels: y, noise: &noise, purpose: .training)
                let task = try nllLoss(logProbs: (out.probabilities + 1e-12).log(), labels: y)
                var loss = task
                switch options.exploration {
                case .cv2: loss = try loss + Routing.cv2Loss(out.weights) * options.explorationWeight
                case .entropy: loss = try loss + Routing.entropyLoss(out.weights) * options.explorationWeight
                case .none: break
                }
                if options.exploitationWeight > 0, let exploit = out.exploitation {
                    loss = try loss + exploit * options.exploitationWeight
                }
                try loss.backward()
                try adam.step()
                try modelAdam.step()
                lossSum += Double(try loss.item()) * Double(y.count)
                taskSum += Double(try task.item()) * Double(y.count)
                correct += zip(try out.probabilities.argMaxIndices(axis: -1), y).filter { $0 == $1 }.count
                bar.update(
                    epoch * steps + b + 1, prefix: "pathway \(epoch + 1)/\(options.epochs)",
                    status: String(format: "loss %.3f", lossSum / Double(max(1, (b + 1) * options.batchSize))))
            }
            let runs = pathway.experts.reduce(0) { $0 + $1.evaluations } - runsBefore
            history.append(
                PathwayEpoch(
                    epoch: epoch + 1, loss: lossSum / Double(n), taskLoss: taskSum / Double(n),
                    accuracy: Double(correct) / Double(n), seconds: Date().timeIntervalSince(start),
                    modelRunsPerInput: Double(runs) / Double(n)))
        }
        return (history, false)
    }
}
