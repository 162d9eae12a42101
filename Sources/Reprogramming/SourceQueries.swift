import Learning
import ModelHub
import Tensors

/// The one door between a reprogrammed result and its source model: every input row sent
/// through it is one query, counted by purpose for this result alone (the model's own ledger
/// is charged too, and enforces the model's budget).
final class SourceQueries {
    let model: SourceModel
    private(set) var counts: QueryCounts

    /// Counts from `counts` on (a loaded result carries the counts of its training run).
    init(model: SourceModel, counts: QueryCounts = QueryCounts()) {
        self.model = model
        self.counts = counts
    }

    /// Queries the model's own budget still allows (nil: no limit).
    var remaining: Int? { model.ledger.remaining }

    /// Rows per network call when no gradient is needed (bounded memory).
    static let chunk = 512

    /// Source log-probabilities (N×Cs) of source-shaped inputs, counting N queries for `purpose`.
    ///
    /// A white-box model runs its network directly, so the result is differentiable when grad
    /// mode is on, and exact (log-softmax of the logits); a black box answers with probabilities,
    /// whose logarithm is taken with a 1e-12 floor (top-k answers hold zeros).
    func logProbabilities(_ x: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        let rows = x.shape.first ?? 0
        if model.access == .blackBox {
            let p = try model.probabilities(x, for: purpose)
            counts[purpose] += rows
            return withNoGrad { (p + 1e-12).log() }
        }
        let network = try model.whiteBox(for: "the network")
        try network.ledger.spend(rows, for: purpose, model: model.name)
        counts[purpose] += rows
        guard !GradMode.isEnabled, rows > SourceQueries.chunk else {
            return try network.logits(x).logSoftmax(axis: -1)
        }
        var parts: [Tensor] = []
        for start in stride(from: 0, to: rows, by: SourceQueries.chunk) {
            let part = try x.gathered(indices: Array(start..<min(rows, start + SourceQueries.chunk)), axis: 0)
            parts.append(try network.logits(part).logSoftmax(axis: -1))
        }
        return try concatenate(parts, axis: 0)
    }

    /// Runs `body` with the white-box network's parameters frozen (no weight gradients are
    /// computed or accumulated), restoring them afterwards; black boxes run `body` as is.
    func frozen<T>(_ body: () throws -> T) throws -> T {
        guard model.access == .whiteBox else { return try body() }
        let trainable = try model.whiteBox(for: "the network").network.parameters.filter(\.requiresGrad)
        for p in trainable { p.requiresGrad = false }
        defer { for p in trainable { p.requiresGrad = true } }
        return try body()
    }
}
