import Foundation
import Learning
import ModelHub
import Tensors

/// Trains an input transform and a label mapping so that a frozen source model solves a target
/// task: by gradients through a white-box model (Adam), or by zeroth-order estimates from a
/// black box's probabilities (RGF, SPSA-GC) under a query budget that is never exceeded.
///
/// The checkpoint kept is the one with the best accuracy on a validation split of the training
/// data (never the test data).
public enum Reprogrammer {
    /// Reprograms `model` for target `inputs` (N×C×H×W in [0, 1]) and `labels`.
    /// - Throws: ``ReprogrammingError`` for incompatible options (e.g. Adam on a black box),
    ///   and shape errors.
    public static func train(
        _ model: SourceModel, inputs: Tensor, labels: [Int], targetClasses: Int? = nil,
        options: ReprogramOptions, shouldStop: @escaping () -> Bool = { false }
    ) throws -> ReprogramResult {
        let classes = targetClasses ?? ((labels.max() ?? 0) + 1)
        guard labels.count == inputs.shape.first, labels.count >= 2 else {
            throw ReprogrammingError("reprogram: expected at least 2 inputs with one label each, got \(inputs.shape.first ?? 0) inputs and \(labels.count) labels")
        }
        if options.optimizer == .adam, model.access == .blackBox {
            throw ReprogrammingError(
                "reprogram: model '\(model.name)' is a black box, so gradients are refused; use optimizer: \"rgf\" or \"spsa-gc\"")
        }
        let transform = try InputTransform(style: options.style, bound: options.bound, sourceShape: model.card.inputShape)
        let mapping = try LabelMapping(
            kind: options.mapping, sourceClasses: model.card.classCount, targetClasses: classes, seed: options.seed)
        let result = ReprogramResult(model: model, transform: transform, mapping: mapping, options: options)
        var session = try Session(
            model: model, result: result, options: options, inputs: inputs, labels: labels, shouldStop: shouldStop)
        try session.run()
        return result
    }

    /// Source log-probabilities of already transformed inputs: through the network when the model
    /// is white-box (differentiable), through counted queries otherwise.
    static func sourceLogProbabilities(_ model: SourceModel, _ x: Tensor, purpose: QueryPurpose) throws -> Tensor {
        if model.access == .whiteBox {
            let network = try model.whiteBox(for: "the network")
            try network.ledger.spend(x.shape.first ?? 0, for: purpose, model: model.name)
            return try network.logits(x).logSoftmax(axis: -1)
        }
        return try (model.probabilities(x, for: purpose) + 1e-12).log()
    }
}

/// The state of one reprogramming run.
private struct Session {
    let model: SourceModel
    let result: ReprogramResult
    let options: ReprogramOptions
    let train: (inputs: Tensor, labels: [Int])
    let validation: (inputs: Tensor, labels: [Int])
    let shouldStop: () -> Bool
    var rng: Random
    var best: (accuracy: Double, theta: Tensor, assignment: [[Int]], mappingValues: [Tensor])?
    var momentum: [Float]

    init(
        model: SourceModel, result: ReprogramResult, options: ReprogramOptions, inputs: Tensor, labels: [Int],
        shouldStop: @escaping () -> Bool
    ) throws {
        self.model = model
        self.result = result
        self.options = options
        self.shouldStop = shouldStop
        rng = Random(seed: options.seed &+ 1)
        let n = labels.count
        let heldOut = min(max(Int((Double(n) * options.validationFraction).rounded()), 1), n - 1)
        let order = rng.permutation(n)
        let valIndices = Array(order.prefix(heldOut)).sorted()
        let trainIndices = Array(order.dropFirst(heldOut)).sorted()
        train = (try inputs.gathered(indices: trainIndices, axis: 0), trainIndices.map { labels[$0] })
        validation = (try inputs.gathered(indices: valIndices, axis: 0), valIndices.map { labels[$0] })
        momentum = [Float](repeating: 0, count: result.transform.theta.value.count)
    }

    /// Whether `rows` more queries fit in the run's budget and the model's own (white-box runs
    /// are counted but never limited).
    func affordable(_ rows: Int) -> Bool {
        guard model.access == .blackBox else { return true }
        if let remaining = model.ledger.remaining, rows > remaining { return false }
        if let budget = options.budget, result.totalQueries + rows > budget { return false }
        return true
    }

    mutating func stop(_ reason: String) {
        result.stoppedEarly = true
        result.stopReason = reason
    }

    mutating func run() throws {
        let transform = result.transform
        let mapping = result.mapping
        let adam = Adam(
            [transform.theta] + mapping.parameters, learningRate: options.learningRate)
        if mapping.isFrequencyBased, !(try remap()) { return }
        guard try checkpoint(epoch: 0) else { return }
        let n = train.labels.count
        let stepsPerEpoch = (n + options.batchSize - 1) / options.batchSize
        let bar = ProgressBar(total: stepsPerEpoch * options.epochs)
        defer { bar.finish() }
        var step = 0
        epochs: for epoch in 0..<options.epochs {
            adam.learningRate = options.schedule.rate(base: options.learningRate, epoch: epoch)
            if mapping.kind == .iterative, epoch > 0, !(try remap()) { break }
            let order = rng.permutation(n)
            var lossSum = 0.0
            var correct = 0
            var seen = 0
            for b in 0..<stepsPerEpoch {
                if shouldStop() {
                    stop("interrupted")
                    break epochs
                }
                let indices = Array(order[(b * options.batchSize)..<min(n, (b + 1) * options.batchSize)])
                let x = try train.inputs.gathered(indices: indices, axis: 0)
                let y = indices.map { train.labels[$0] }
                guard affordable(costPerStep(rows: y.count)) else {
                    stop("query budget reached")
                    break epochs
                }
                step += 1
                adam.zeroGrad()
                let (loss, predicted) = try optimize(x, y, adam: adam, step: step)
                lossSum += loss * Double(y.count)
                correct += zip(predicted, y).filter { $0 == $1 }.count
                seen += y.count
                bar.update(
                    epoch * stepsPerEpoch + b + 1, prefix: "reprogram \(epoch + 1)/\(options.epochs)",
                    status: String(format: "loss %.3f  acc %.1f%%  queries %d", lossSum / Double(max(seen, 1)),
                                   100 * Double(correct) / Double(max(seen, 1)), result.totalQueries))
            }
            guard seen > 0 else { break }
            let validationAccuracy = try checkpointAccuracy()
            result.history.append(
                ReprogramEpoch(
                    epoch: epoch + 1, loss: lossSum / Double(seen), trainAccuracy: Double(correct) / Double(seen),
                    validationAccuracy: validationAccuracy ?? result.history.last?.validationAccuracy ?? 0,
                    queries: result.totalQueries))
            guard let validationAccuracy else { break }
            keepIfBest(validationAccuracy, epoch: epoch + 1)
        }
        restoreBest()
    }

    /// Queries one optimisation step costs for a batch of `rows` (0 for white-box).
    func costPerStep(rows: Int) -> Int {
        switch options.optimizer {
        case .adam: return 0
        case .rgf: return rows * (options.directions + 1)
        case .spsaGC: return rows * 2 * options.directions
        }
    }

    /// One step; returns the batch loss and the predictions at the current θ.
    mutating func optimize(_ x: Tensor, _ y: [Int], adam: Adam, step: Int) throws -> (Double, [Int]) {
        let transform = result.transform
        switch options.optimizer {
        case .adam:
            let scores = try result.mapping.scores(
                logProbabilities: try Reprogrammer.sourceLogProbabilities(model, try transform(x), purpose: .training))
            let loss = try objective(scores, y, theta: transform.theta.tensor)
            try loss.backward()
            try adam.step()
            return (Double(try loss.item()), try scores.argMaxIndices(axis: -1))
        case .rgf:
            let theta = transform.theta.value
            let logp = try blackBoxLogProbabilities(x, theta: theta)
            let base = try lossValue(logp, y, theta: theta)
            transform.theta.setGrad(try rgfEstimate(x, y, theta: theta, base: base))
            let scores = try trainMapping(logp, y)
            try adam.step()
            return (base, try scores.argMaxIndices(axis: -1))
        case .spsaGC:
            return try spsaStep(x, y, step: step, adam: adam)
        }
    }

    /// Cross-entropy or focal loss of target scores, plus λ‖δ‖².
    func objective(_ scores: Tensor, _ y: [Int], theta: Tensor) throws -> Tensor {
        var loss: Tensor
        switch options.loss {
        case .crossEntropy: loss = try crossEntropy(logits: scores, labels: y)
        case .focal(let gamma): loss = try focalLoss(logits: scores, labels: y, gamma: gamma)
        }
        if options.l2 > 0 {
            let delta = try result.transform.perturbation()
            loss = try loss + (delta * delta).sum() * options.l2
        }
        return loss
    }

    /// Source log-probabilities of the batch transformed with `theta`, from counted queries.
    func blackBoxLogProbabilities(_ x: Tensor, theta: Tensor) throws -> Tensor {
        try withNoGrad {
            try Reprogrammer.sourceLogProbabilities(
                model, try result.transform.apply(x, theta: theta), purpose: .training)
        }
    }

    /// The loss of the mapped log-probabilities (no gradient).
    func lossValue(_ logp: Tensor, _ y: [Int], theta: Tensor) throws -> Double {
        try withNoGrad {
            Double(try objective(try result.mapping.scores(logProbabilities: logp), y, theta: theta).item())
        }
    }

    /// The loss of the batch at `theta`, from counted queries.
    func blackBoxLoss(_ x: Tensor, _ y: [Int], theta: Tensor) throws -> Double {
        try lossValue(try blackBoxLogProbabilities(x, theta: theta), y, theta: theta)
    }

    /// ĝ = (d/q) Σ_j [ℓ(θ + β u_j) − ℓ(θ)] / β · u_j with u_j uniform on the unit sphere of the
    /// masked coordinates (BAR, METHODS.md §2).
    mutating func rgfEstimate(_ x: Tensor, _ y: [Int], theta: Tensor, base: Double) throws -> Tensor {
        let mask = result.transform.mask.scalars
        let active = mask.indices.filter { mask[$0] != 0 }
        let d = active.count
        let beta = options.smoothing
        var estimate = [Float](repeating: 0, count: theta.count)
        for _ in 0..<options.directions {
            let u = rng.unitSphere(count: 1, dimension: d).scalars
            var shifted = theta
            shifted.withMutableScalars { w in
                for (k, index) in active.enumerated() { w[index] += beta * u[k] }
            }
            let value = try blackBoxLoss(x, y, theta: shifted)
            let scale = Float(Double(d) / Double(options.directions) * (value - base) / Double(beta))
            for (k, index) in active.enumerated() { estimate[index] += scale * u[k] }
        }
        return try Tensor(shape: theta.shape, scalars: estimate)
    }

    /// Target scores of black-box log-probabilities; a learned linear mapping runs on our side,
    /// so it gets its exact gradient here (the probabilities are constants).
    func trainMapping(_ logp: Tensor, _ y: [Int]) throws -> Tensor {
        guard result.mapping.kind == .linear else {
            return try withNoGrad { try result.mapping.scores(logProbabilities: logp) }
        }
        let scores = try result.mapping.scores(logProbabilities: logp)
        try objective(scores, y, theta: result.transform.theta.value).backward()
        return scores.detached
    }

    /// One SPSA-GC step (BlackVIP): a two-sided estimate with ±U[0.5, 1] perturbations, then
    /// m ← 0.9 m + ĝ and θ ← θ − a_i (ĝ + 0.9 m) as the released code does; with
    /// `spsaLookAhead`, the estimate is taken at the look-ahead point θ − a_i · 0.9 m (the paper).
    /// θ itself is never queried (that would cost more), so the reported loss is the mean of the
    /// probe losses and the reported predictions are those at the first + probe.
    mutating func spsaStep(_ x: Tensor, _ y: [Int], step: Int, adam: Adam) throws -> (Double, [Int]) {
        let gains = options.spsaGains
        let i = Float(step)
        let a = gains.a / pow(i + gains.o, gains.alpha)
        let c = gains.c / pow(i, gains.gamma)
        let transform = result.transform
        let mask = transform.mask.scalars
        var theta = transform.theta.value
        if options.spsaLookAhead {
            let m = momentum
            theta.withMutableScalars { w in for k in 0..<w.count where mask[k] != 0 { w[k] -= a * 0.9 * m[k] } }
        }
        var estimate = [Float](repeating: 0, count: theta.count)
        var lossSum = 0.0
        var probeScores: Tensor?
        for _ in 0..<options.directions {
            var delta = [Float](repeating: 0, count: theta.count)
            for k in 0..<delta.count where mask[k] != 0 {
                let magnitude = 0.5 + 0.5 * rng.nextFloat()
                delta[k] = rng.next() & 1 == 0 ? magnitude : -magnitude
            }
            let d = try Tensor(shape: theta.shape, scalars: delta)
            let plusTheta = try theta + d * c
            let plusLogp = try blackBoxLogProbabilities(x, theta: plusTheta)
            let plus = try lossValue(plusLogp, y, theta: plusTheta)
            let minus = try blackBoxLoss(x, y, theta: try theta - d * c)
            if probeScores == nil { probeScores = try trainMapping(plusLogp, y) }
            lossSum += (plus + minus) / 2
            let difference = Float((plus - minus) / Double(2 * c)) / Float(options.directions)
            for k in 0..<delta.count where delta[k] != 0 { estimate[k] += difference / delta[k] }
        }
        var updated = transform.theta.value
        updated.withMutableScalars { w in
            for k in 0..<w.count where mask[k] != 0 {
                momentum[k] = 0.9 * momentum[k] + estimate[k]
                w[k] -= a * (estimate[k] + 0.9 * momentum[k])
            }
        }
        transform.theta.value = updated
        // A learned linear mapping is trained by Adam on its exact gradient; θ is not in Adam's
        // hands here (its gradient is nil), so Adam leaves it alone.
        transform.theta.zeroGrad()
        try adam.step()
        return (lossSum / Double(max(options.directions, 1)), try probeScores?.argMaxIndices(axis: -1) ?? [])
    }

    /// Redoes a frequency mapping from the current prompt on the training data; false when the
    /// budget cannot pay for it.
    mutating func remap() throws -> Bool {
        guard affordable(train.labels.count) else {
            stop("query budget reached")
            return false
        }
        let p = try withNoGrad {
            try Reprogrammer.sourceLogProbabilities(model, try result.transform(train.inputs), purpose: .mapping)
        }
        result.mapping.update(
            counts: try LabelMapping.counts(
                probabilities: p, labels: train.labels, sourceClasses: result.mapping.sourceClasses,
                targetClasses: result.mapping.targetClasses))
        return true
    }

    /// Validation accuracy at the current state, or nil when the budget cannot pay for it.
    mutating func checkpointAccuracy() throws -> Double? {
        guard affordable(validation.labels.count) else {
            stop("query budget reached")
            return nil
        }
        return try result.accuracy(validation.inputs, labels: validation.labels)
    }

    /// Records the initial state as the first checkpoint.
    mutating func checkpoint(epoch: Int) throws -> Bool {
        guard let accuracy = try checkpointAccuracy() else { return false }
        keepIfBest(accuracy, epoch: epoch)
        return true
    }

    mutating func keepIfBest(_ accuracy: Double, epoch: Int) {
        guard best == nil || accuracy > (best?.accuracy ?? 0) else { return }
        best = (accuracy, result.transform.theta.value, result.mapping.assignment,
                result.mapping.parameters.map(\.value))
        result.chosenEpoch = epoch
    }

    func restoreBest() {
        guard let best else { return }
        result.transform.theta.value = best.theta
        result.mapping.restore(assignment: best.assignment, values: best.mappingValues)
    }
}
