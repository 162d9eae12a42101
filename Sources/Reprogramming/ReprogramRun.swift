import Datasets
import Foundation
import Learning
import ModelHub
import Tensors

/// One reprogramming run: the validation split, the epochs and their steps (Adam, RGF or
/// SPSA-GC), label re-mapping, checkpoints, and the query budget.
///
/// Budget rule: when the run has a validation split, every step and re-mapping leaves enough
/// queries to validate the state it produces, so the run can always stop cleanly and compare
/// its last state with the best checkpoint.
final class ReprogramRun {
    let result: ReprogramResult
    let options: ReprogramOptions
    let training: (inputs: Tensor, labels: [Int])
    let validation: (inputs: Tensor, labels: [Int])?
    private var rng: Random
    /// Adam over θ (Adam and RGF) and a linear mapping's weights.
    private let adam: Adam
    /// The trained coordinates of θ.
    private let active: [Int]
    /// SPSA-GC's gains and momentum.
    private var spsa: SPSAGradientCorrection
    private var step = 0
    private var best: (accuracy: Double, epoch: Int, theta: Tensor, mapping: LabelMapping.State)?

    init(result: ReprogramResult, data: Dataset) throws {
        self.result = result
        options = result.options
        rng = Random(seed: options.seed &+ 0x5EED)
        let n = data.count
        let heldOut = options.validationFraction > 0
            ? min(max(Int((Double(n) * options.validationFraction).rounded()), 1), n - 1) : 0
        guard n - heldOut >= 1 else {
            throw ReprogrammingError(
                "reprogram: needs at least \(heldOut + 1) training samples with validation fraction \(options.validationFraction), got \(n)")
        }
        let order = rng.permutation(n)
        let trainIndices = Array(order.dropFirst(heldOut)).sorted()
        training = (try data.inputs.gathered(indices: trainIndices, axis: 0), trainIndices.map { data.labels[$0] })
        if heldOut > 0 {
            let indices = Array(order.prefix(heldOut)).sorted()
            validation = (try data.inputs.gathered(indices: indices, axis: 0), indices.map { data.labels[$0] })
        } else {
            validation = nil
        }
        let transform = result.transform
        let trainsTheta = options.optimizer != .spsaGC
        adam = Adam((trainsTheta ? [transform.theta] : []) + result.mapping.parameters, learningRate: options.learningRate)
        active = transform.activeIndices
        spsa = SPSAGradientCorrection(
            gains: options.spsaGains, lookAhead: options.spsaLookAhead, active: active, count: transform.theta.value.count)
    }

    /// Trains for the options' epochs, or until the budget or `shouldStop` ends it.
    func train(shouldStop: () -> Bool) throws {
        guard try start() else { return finish() }
        let n = training.labels.count
        let batches = (n + options.batchSize - 1) / options.batchSize
        let bar = ProgressBar(total: batches * options.epochs)
        defer { bar.finish() }
        epochs: for epoch in 0..<options.epochs {
            let started = Date()
            adam.learningRate = options.learningRate(epoch: epoch)
            if result.mapping.kind == .iterative, epoch > 0, !(try remap()) { break }
            let order = rng.permutation(n)
            var totals = (loss: 0.0, correct: 0, seen: 0)
            var stopped = false
            for b in 0..<batches {
                let indices = Array(order[(b * options.batchSize)..<min(n, (b + 1) * options.batchSize)])
                if shouldStop() {
                    stop("interrupted")
                } else if !affordable(options.queriesPerStep(rows: indices.count)) {
                    stop("query budget reached")
                }
                if result.stopReason != nil {
                    stopped = true
                    break
                }
                let x = try training.inputs.gathered(indices: indices, axis: 0)
                let y = indices.map { training.labels[$0] }
                step += 1
                let (loss, predicted) = try takeStep(x, y)
                totals.loss += loss * Double(y.count)
                totals.correct += zip(predicted, y).filter { $0 == $1 }.count
                totals.seen += y.count
                bar.update(
                    epoch * batches + b + 1, prefix: "reprogram \(epoch + 1)/\(options.epochs)",
                    status: String(
                        format: "loss %.3f  acc %.1f%%  queries %d", totals.loss / Double(totals.seen),
                        100 * Double(totals.correct) / Double(totals.seen), result.queries.total))
            }
            if totals.seen > 0 {
                try endEpoch(
                    epoch + 1, loss: totals.loss / Double(totals.seen),
                    accuracy: Double(totals.correct) / Double(totals.seen), seconds: Date().timeIntervalSince(started))
            }
            if stopped { break epochs }
        }
        finish()
    }

    // MARK: Budget and checkpoints

    /// Queries held back for validating the last state.
    private var reserve: Int { validation?.labels.count ?? 0 }

    /// Whether `rows` more queries, plus the reserve, fit the run's budget and the model's.
    private func affordable(_ rows: Int, keepingReserve: Bool = true) -> Bool {
        let needed = rows + (keepingReserve ? reserve : 0)
        if let remaining = result.source.remaining, needed > remaining { return false }
        if let budget = options.budget, result.queries.total + needed > budget { return false }
        return true
    }

    private func stop(_ reason: String) {
        result.stopReason = reason
    }

    /// The first mapping and the first checkpoint; false when the budget cannot pay for them.
    private func start() throws -> Bool {
        if result.mapping.isFrequencyBased, !(try remap()) { return false }
        guard validation != nil else { return true }
        guard affordable(reserve, keepingReserve: false) else {
            stop("query budget reached")
            return false
        }
        _ = try checkpoint(epoch: 0)
        return true
    }

    /// Validates the current state and keeps it when it beats the best so far (ties keep the
    /// earlier state); nil without a validation split.
    private func checkpoint(epoch: Int) throws -> Double? {
        guard let validation else { return nil }
        let accuracy = try result.accuracy(validation.inputs, labels: validation.labels)
        if best == nil || accuracy > (best?.accuracy ?? 0) {
            best = (accuracy, epoch, result.transform.theta.value, result.mapping.state)
        }
        return accuracy
    }

    /// Checkpoints an epoch (possibly partial) and records it.
    private func endEpoch(_ epoch: Int, loss: Double, accuracy: Double, seconds: Double) throws {
        let validationAccuracy = try checkpoint(epoch: epoch)
        result.history.append(
            ReprogramEpoch(
                epoch: epoch, loss: loss, trainAccuracy: accuracy, validationAccuracy: validationAccuracy,
                queries: result.queries.total, learningRate: adam.learningRate, seconds: seconds))
    }

    /// Keeps the best checkpoint (or the last state without a validation split).
    private func finish() {
        guard validation != nil else {
            result.chosenEpoch = result.history.last?.epoch ?? 0
            return
        }
        guard let best else { return }
        result.transform.theta.value = best.theta
        // The state came from this mapping, so it always fits.
        try? result.mapping.restore(best.mapping)
        result.chosenEpoch = best.epoch
    }

    /// Redoes a frequency mapping from the current prompt on the training data; false when the
    /// budget cannot pay for it.
    private func remap() throws -> Bool {
        guard affordable(training.labels.count) else {
            stop("query budget reached")
            return false
        }
        let logp = try result.sourceLogProbabilities(training.inputs, for: .mapping)
        result.mapping.update(
            counts: try LabelMapping.counts(
                scores: logp, labels: training.labels, sourceClasses: result.mapping.sourceClasses,
                targetClasses: result.mapping.targetClasses))
        return true
    }

    // MARK: Steps

    /// One optimisation step on a batch; returns its loss and the predictions it saw.
    private func takeStep(_ x: Tensor, _ y: [Int]) throws -> (loss: Double, predicted: [Int]) {
        switch options.optimizer {
        case .adam: return try gradientStep(x, y)
        case .rgf: return try rgfStep(x, y)
        case .spsaGC: return try spsaStep(x, y)
        }
    }

    /// The mapped loss of target scores (cross-entropy or focal).
    private func loss(_ scores: Tensor, _ y: [Int]) throws -> Tensor {
        switch options.loss {
        case .crossEntropy: return try crossEntropy(logits: scores, labels: y)
        case .focal(let gamma): return try focalLoss(logits: scores, labels: y, gamma: gamma)
        }
    }

    /// Adam on the true gradient through the frozen white-box model.
    private func gradientStep(_ x: Tensor, _ y: [Int]) throws -> (loss: Double, predicted: [Int]) {
        adam.zeroGrad()
        let theta = result.transform.theta
        let logp = try result.source.logProbabilities(try result.transform(x), for: .training)
        let scores = try result.mapping.scores(logProbabilities: logp)
        let data = try loss(scores, y)
        var total = data
        if options.l2 > 0 {
            total = try total + (theta.tensor * result.transform.mask).square().sum() * options.l2
        }
        try total.backward()
        try adam.step()
        return (Double(try data.item()), try scores.argMaxIndices(axis: -1))
    }

    /// RGF (BAR): Adam on the zeroth-order estimate; θ and its q probes go to the model in one
    /// batch of (q + 1)·B queries.
    private func rgfStep(_ x: Tensor, _ y: [Int]) throws -> (loss: Double, predicted: [Int]) {
        adam.zeroGrad()
        let theta = result.transform.theta
        let placed = try withNoGrad { try result.transform.place(x) }
        var atTheta: Tensor?
        let (estimate, value) = try ZerothOrder.rgf(
            theta: theta.value, active: active, directions: options.directions, smoothing: options.smoothing,
            scaleByDimension: options.scaleByDimension, rng: &rng
        ) { points in
            let blocks = try probe(placed, points)
            atTheta = blocks.first
            return try blocks.map { try lossValue($0, y) }
        }
        theta.setGrad(try estimate + regularizerGradient(theta.value))
        let predicted = try trainLinearMapping(atTheta, y)
        try adam.step()
        return (value, predicted)
    }

    /// SPSA-GC (BlackVIP): a two-sided estimate (2q·B queries) and the gradient-corrected
    /// update of ``SPSAGradientCorrection``. The predictions reported are those at the first +
    /// probe (θ itself is not queried).
    private func spsaStep(_ x: Tensor, _ y: [Int]) throws -> (loss: Double, predicted: [Int]) {
        adam.zeroGrad()
        let theta = result.transform.theta
        let point = spsa.estimationPoint(theta.value, step: step)
        let placed = try withNoGrad { try result.transform.place(x) }
        var firstProbe: Tensor?
        let (estimate, value) = try ZerothOrder.spsa(
            theta: point, active: active, draws: options.directions, step: spsa.sizes(step: step).c, rng: &rng
        ) { points in
            let blocks = try probe(placed, points)
            firstProbe = blocks.first
            return try blocks.map { try lossValue($0, y) }
        }
        theta.value = spsa.update(theta.value, estimate: try (estimate + regularizerGradient(point)).scalars, step: step)
        let predicted = try trainLinearMapping(firstProbe, y)
        try adam.step()
        return (value, predicted)
    }

    /// Source log-probabilities of the placed batch under each θ in `points`, from one query of
    /// points.count × B rows; one B×Cs block per point.
    private func probe(_ placed: Tensor, _ points: [Tensor]) throws -> [Tensor] {
        try withNoGrad {
            let inputs = try concatenate(try points.map { try result.transform.combine(placed, theta: $0) }, axis: 0)
            let logp = try result.source.logProbabilities(inputs, for: .training)
            let rows = placed.shape[0]
            let width = rows * result.mapping.sourceClasses
            return try points.indices.map { j in
                try Tensor(shape: [rows, result.mapping.sourceClasses], scalars: Array(logp.scalars[(j * width)..<((j + 1) * width)]))
            }
        }
    }

    /// The mapped loss of one block of log-probabilities, without gradient.
    private func lossValue(_ logp: Tensor, _ y: [Int]) throws -> Double {
        try withNoGrad { Double(try loss(try result.mapping.scores(logProbabilities: logp), y).item()) }
    }

    /// The exact gradient of λ‖M ⊙ θ‖² at `theta`.
    private func regularizerGradient(_ theta: Tensor) throws -> Tensor {
        guard options.l2 > 0 else { return try Tensor.zeros(theta.shape) }
        return try theta * result.transform.mask * (2 * options.l2)
    }

    /// A learned linear mapping runs on our side of a black box, so it takes its exact gradient
    /// from the probabilities already bought (constants here). Returns the block's predictions.
    private func trainLinearMapping(_ logp: Tensor?, _ y: [Int]) throws -> [Int] {
        guard let logp else { return [] }
        let scores = try result.mapping.scores(logProbabilities: logp)
        if !result.mapping.parameters.isEmpty { try loss(scores, y).backward() }
        return try scores.argMaxIndices(axis: -1)
    }
}
