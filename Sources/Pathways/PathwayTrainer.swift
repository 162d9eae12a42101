import Foundation
import Learning
import ModelHub
import Tensors

/// Trains a ``PathwayModel``: L = L_task + λ_explore L_explore + λ_exploit L_exploit, with Adam on
/// the generator and heads and a second Adam, at a lower rate, on fine-tuned models.
enum PathwayTrainer {
    /// How a training run ended.
    struct Outcome {
        var history: [PathwayEpoch] = []
        /// Routing of the last full epoch's training batches (with their noise).
        var trainingRouting: RoutingStatistics?
        /// Why training stopped before its last epoch, if it did.
        var stopReason: String?
    }

    /// Trains `pathway` on `inputs` and `labels`; checks `shouldStop` before every batch and
    /// stops there (keeping what was learned), as it does before a black box's budget would run
    /// out.
    static func fit(
        _ pathway: PathwayModel, inputs: Tensor, labels: [Int], classNames: [String],
        validation: (inputs: Tensor, labels: [Int])?, shouldStop: () -> Bool
    ) throws -> Outcome {
        let options = pathway.options
        let n = labels.count
        guard inputs.shape.first == n, n > 0 else {
            throw PathwayError(
                "pathway: expected one label per input and at least one input, got \(inputs.shape.first ?? 0) inputs and \(n) labels")
        }
        let adam = Adam(pathway.parameters, learningRate: options.learningRate)
        let modelAdam = Adam(pathway.modelParameters, learningRate: options.learningRate * options.finetuneScale)
        let noisy = options.gating == .generator && options.noise != .none
        var rng = Random(seed: options.seed &+ 0x9E37)
        var outcome = Outcome()
        let steps = (n + options.batchSize - 1) / options.batchSize
        let bar = ProgressBar(total: steps * options.epochs)
        defer { bar.finish() }
        for epoch in 0..<options.epochs {
            let start = Date()
            let runsBefore = pathway.totalRuns
            let order = rng.permutation(n)
            var sums = (loss: 0.0, task: 0.0, explore: 0.0, exploit: 0.0, correct: 0)
            var tally = RoutingTally(modelNames: pathway.modelNames, classNames: classNames)
            for b in 0..<steps {
                let rows = Array(order[(b * options.batchSize)..<min(n, (b + 1) * options.batchSize)])
                if shouldStop() {
                    outcome.stopReason = "interrupted"
                    return outcome
                }
                if let exhausted = pathway.experts.first(where: { ($0.source.ledger.remaining ?? .max) < rows.count }) {
                    outcome.stopReason = "the query budget of '\(exhausted.source.name)' has fewer queries left than a batch may need"
                    return outcome
                }
                let x = try inputs.gathered(indices: rows, axis: 0)
                let y = rows.map { labels[$0] }
                adam.zeroGrad()
                modelAdam.zeroGrad()
                let epsilon = noisy ? rng.normal([rows.count, pathway.experts.count]) : nil
                let out = try pathway.forward(x, labels: y, epsilon: epsilon, purpose: .training)
                let (loss, task, explore, exploit) = try losses(out, labels: y, options: options)
                try loss.backward()
                try adam.step()
                try modelAdam.step()
                let size = Double(y.count)
                sums.loss += Double(try loss.item()) * size
                sums.task += Double(try task.item()) * size
                sums.explore += Double(try explore.item()) * size
                sums.exploit += Double(try exploit.item()) * size
                sums.correct += zip(try out.probabilities.argMaxIndices(axis: -1), y).filter { $0 == $1 }.count
                tally.add(weights: out.weights.scalars, active: out.active, labels: y)
                bar.update(
                    epoch * steps + b + 1, prefix: "pathway \(epoch + 1)/\(options.epochs)",
                    status: String(format: "loss %.3f", sums.loss / Double(b * options.batchSize + y.count)))
            }
            let seconds = Date().timeIntervalSince(start)
            let runs = pathway.totalRuns - runsBefore
            let validationAccuracy = try validation.map {
                try PathwayEvaluation.accuracy(pathway, inputs: $0.inputs, labels: $0.labels)
            }
            outcome.history.append(
                PathwayEpoch(
                    epoch: epoch + 1, loss: sums.loss / Double(n), taskLoss: sums.task / Double(n),
                    explorationLoss: sums.explore / Double(n), exploitationLoss: sums.exploit / Double(n),
                    trainAccuracy: Double(sums.correct) / Double(n), validationAccuracy: validationAccuracy,
                    seconds: seconds, modelRunsPerInput: Double(runs) / Double(n)))
            outcome.trainingRouting = tally.statistics
        }
        return outcome
    }

    /// The total loss L = L_task + λ_explore L_explore + λ_exploit L_exploit of a forward pass
    /// with labels, and its three parts (before their λ).
    static func losses(
        _ out: PathwayOutput, labels: [Int], options: PathwayOptions
    ) throws -> (total: Tensor, task: Tensor, exploration: Tensor, exploitation: Tensor) {
        let task = try nllLoss(logProbs: (out.probabilities + 1e-12).log(), labels: labels)
        let explore = try Routing.explorationLoss(out.weights, kind: options.exploration)
        let exploit = out.exploitation ?? Tensor(0)
        var total = task
        // A uniform ensemble has no generator: its exploration loss is a constant.
        if options.explorationWeight > 0, options.gating == .generator {
            total = try total + explore * options.explorationWeight
        }
        if options.exploitationWeight > 0 { total = try total + exploit * options.exploitationWeight }
        return (total, task, explore, exploit)
    }
}
