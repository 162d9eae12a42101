import Foundation
import Tensors

/// The training loop: shuffled mini-batches, an optimizer, a schedule, validation after each
/// epoch, a progress bar on a terminal, and a clean stop when `shouldStop` turns true.
public enum Trainer {
    /// Trains `model` on `inputs` (N×…) and integer `labels`, in place.
    ///
    /// `shouldStop` is checked before every batch; when it returns true, training ends there,
    /// the model keeps what it learned so far and the history is marked interrupted.
    /// - Throws: shape and label errors from the model and the loss.
    @discardableResult
    public static func fit(
        _ model: Layer, inputs: Tensor, labels: [Int], options: TrainingOptions,
        validation: (inputs: Tensor, labels: [Int])? = nil, shouldStop: () -> Bool = { false }
    ) throws -> TrainingHistory {
        let n = labels.count
        guard inputs.rank >= 1, inputs.shape[0] == n else {
            throw TensorError("fit", "inputs have \(inputs.shape.first ?? 0) rows but there are \(n) labels")
        }
        guard options.batchSize > 0, options.epochs >= 0 else {
            throw TensorError("fit", "expected batch > 0 and epochs ≥ 0, got batch \(options.batchSize), epochs \(options.epochs)")
        }
        let parameters = model.namedParameters.map(\.parameter).filter(\.requiresGrad)
        let optimizer = options.makeOptimizer(parameters)
        var rng = Random(seed: options.seed)
        var history = TrainingHistory()
        let batchesPerEpoch = (n + options.batchSize - 1) / options.batchSize
        let bar = ProgressBar(total: batchesPerEpoch * options.epochs)
        defer { bar.finish() }
        let started = Date()
        var samples = 0
        model.isTraining = true
        defer { model.isTraining = false }

        training: for epoch in 0..<options.epochs {
            let epochStart = Date()
            optimizer.learningRate = options.schedule.rate(base: options.learningRate, epoch: epoch)
            let order = rng.permutation(n)
            var lossSum = 0.0
            var correct = 0
            var seen = 0
            for b in 0..<batchesPerEpoch {
                if shouldStop() {
                    history.interrupted = true
                    break training
                }
                let indices = Array(order[(b * options.batchSize)..<min(n, (b + 1) * options.batchSize)])
                let x = try inputs.gathered(indices: indices, axis: 0)
                let y = indices.map { labels[$0] }
                optimizer.zeroGrad()
                let logits = try model(x)
                let loss = try options.lossValue(logits, y)
                try loss.backward()
                if let clip = options.clipNorm { clipGradNorm(parameters, maxNorm: clip) }
                try optimizer.step()
                lossSum += Double(try loss.item()) * Double(y.count)
                correct += zip(try logits.argMaxIndices(axis: -1), y).filter { $0 == $1 }.count
                seen += y.count
                samples += y.count
                let rate = Double(samples) / max(Date().timeIntervalSince(started), 1e-9)
                bar.update(
                    epoch * batchesPerEpoch + b + 1, prefix: "\(options.label) \(epoch + 1)/\(options.epochs)",
                    status: String(format: "loss %.3f  acc %.1f%%  %.0f samples/s", lossSum / Double(seen), 100 * Double(correct) / Double(seen), rate))
            }
            var record = EpochRecord(
                epoch: epoch + 1, loss: lossSum / Double(max(seen, 1)),
                accuracy: Double(correct) / Double(max(seen, 1)), learningRate: optimizer.learningRate,
                seconds: Date().timeIntervalSince(epochStart))
            if let validation {
                model.isTraining = false
                let result = try evaluate(model, inputs: validation.inputs, labels: validation.labels)
                model.isTraining = true
                record.validationLoss = result.loss
                record.validationAccuracy = result.accuracy
            }
            history.epochs.append(record)
        }
        history.samplesPerSecond = Double(samples) / max(Date().timeIntervalSince(started), 1e-9)
        return history
    }

    /// Accuracy, mean cross-entropy and confusion matrix of `model` on `inputs` and `labels`,
    /// without recording gradients, in batches of `batchSize`.
    public static func evaluate(
        _ model: Layer, inputs: Tensor, labels: [Int], batchSize: Int = 512
    ) throws -> Evaluation {
        let n = labels.count
        guard inputs.rank >= 1, inputs.shape[0] == n else {
            throw TensorError("evaluate", "inputs have \(inputs.shape.first ?? 0) rows but there are \(n) labels")
        }
        let wasTraining = model.isTraining
        model.isTraining = false
        defer { model.isTraining = wasTraining }
        return try withNoGrad {
            var lossSum = 0.0
            var confusion: [[Int]] = []
            for start in stride(from: 0, to: n, by: max(batchSize, 1)) {
                let indices = Array(start..<min(n, start + batchSize))
                let logits = try model(try inputs.gathered(indices: indices, axis: 0))
                let y = indices.map { labels[$0] }
                lossSum += Double(try crossEntropy(logits: logits, labels: y).item()) * Double(y.count)
                let classes = logits.shape.last ?? 0
                if confusion.isEmpty {
                    confusion = Array(repeating: Array(repeating: 0, count: classes), count: classes)
                }
                for (truth, predicted) in zip(y, try logits.argMaxIndices(axis: -1)) {
                    confusion[truth][predicted] += 1
                }
            }
            let correct = confusion.indices.reduce(0) { $0 + confusion[$1][$1] }
            return Evaluation(
                accuracy: n > 0 ? Double(correct) / Double(n) : 0, loss: n > 0 ? lossSum / Double(n) : 0,
                confusion: confusion)
        }
    }
}
