import Tensors

/// The output side of reprogramming: it turns the source model's log-probabilities
/// (N×Cs) into target scores (N×Ct) that cross-entropy reads as logits.
///
/// - `random` (RLM): a fixed random one-to-one assignment of source classes to target classes.
/// - `frequency` (FLM): the greedy frequency assignment of ILM-VP, from the source model's top-1
///   predictions on the target training data.
/// - `iterative` (ILM): FLM redone with the current prompt at the start of every epoch.
/// - `manyToOne(m)` (BAR): m source classes per target class, chosen by the same greedy rule;
///   their probabilities are averaged.
/// - `linear`: a learned linear map from source probabilities to target scores.
///
/// For a one-to-one mapping the scores are the gathered log-probabilities; cross-entropy over
/// them equals cross-entropy over the gathered logits (the softmax renormalises over the mapped
/// classes), so white-box and black-box training share one formula.
public final class LabelMapping {
    public enum Kind: Equatable, Sendable {
        case random, frequency, iterative, manyToOne(Int), linear
    }

    public let kind: Kind
    public let sourceClasses: Int
    public let targetClasses: Int
    /// For each target class, the source classes mapped to it (empty for `linear`).
    public private(set) var assignment: [[Int]]
    /// The learned map (Ct×Cs) and bias, for `linear`.
    public let weight: Parameter?
    public let bias: Parameter?

    /// A mapping between `sourceClasses` and `targetClasses`; `random` assignments come from `seed`.
    /// Frequency-based kinds start from the random one until ``update(counts:)`` is called.
    /// - Throws: ``ReprogrammingError`` when there are too few source classes.
    public init(kind: Kind, sourceClasses: Int, targetClasses: Int, seed: UInt64 = 0) throws {
        let perTarget: Int
        if case .manyToOne(let m) = kind { perTarget = m } else { perTarget = 1 }
        guard perTarget >= 1 else {
            throw ReprogrammingError("label mapping: many-to-one needs m ≥ 1, got \(perTarget)")
        }
        if kind != .linear, perTarget * targetClasses > sourceClasses {
            throw ReprogrammingError(
                "label mapping: \(perTarget) source class(es) per target × \(targetClasses) target classes needs at least \(perTarget * targetClasses) source classes, the model has \(sourceClasses)")
        }
        self.kind = kind
        self.sourceClasses = sourceClasses
        self.targetClasses = targetClasses
        if kind == .linear {
            assignment = []
            weight = Parameter(try Tensor.zeros([targetClasses, sourceClasses]))
            bias = Parameter(try Tensor.zeros([targetClasses]))
        } else {
            var rng = Random(seed: seed)
            let order = rng.permutation(sourceClasses)
            assignment = (0..<targetClasses).map { t in Array(order[(t * perTarget)..<((t + 1) * perTarget)]) }
            weight = nil
            bias = nil
        }
    }

    /// Source classes per target class.
    public var perTarget: Int {
        if case .manyToOne(let m) = kind { return m }
        return 1
    }

    /// Whether the assignment follows the source model's predictions.
    public var isFrequencyBased: Bool {
        switch kind {
        case .frequency, .iterative, .manyToOne: return true
        case .random, .linear: return false
        }
    }

    /// The learned parameters (only for `linear`).
    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// Re-assigns from a count matrix `counts[s][t]` (how often source class s is the top-1
    /// prediction for target class t).
    public func update(counts: [[Double]]) {
        guard isFrequencyBased else { return }
        assignment = LabelMapping.greedy(counts: counts, perTarget: perTarget, targetClasses: targetClasses)
    }

    /// ILM-VP's greedy assignment: repeatedly take the largest remaining count (ties to the
    /// lowest row-major index, source first), give that source class to that target class, drop
    /// the source row, and drop the target column once it has `perTarget` sources.
    public static func greedy(counts: [[Double]], perTarget: Int, targetClasses: Int) -> [[Int]] {
        var remaining = counts
        var result = Array(repeating: [Int](), count: targetClasses)
        for _ in 0..<(perTarget * targetClasses) {
            var best: (s: Int, t: Int)? = nil
            var bestValue = -Double.infinity
            for s in remaining.indices {
                for t in 0..<min(remaining[s].count, targetClasses) where remaining[s][t] > bestValue {
                    bestValue = remaining[s][t]
                    best = (s, t)
                }
            }
            guard let (s, t) = best, bestValue > -1 else { break }
            result[t].append(s)
            for j in remaining[s].indices { remaining[s][j] = -1 }
            if result[t].count == perTarget {
                for i in remaining.indices where t < remaining[i].count { remaining[i][t] = -1 }
            }
        }
        return result
    }

    /// Puts back a saved assignment and linear-map values (checkpoint restore).
    func restore(assignment saved: [[Int]], values: [Tensor]) {
        if isFrequencyBased || kind == .random { assignment = saved }
        for (parameter, value) in zip(parameters, values) { parameter.value = value }
    }

    /// The count matrix `counts[s][t]` of top-1 source predictions per target label.
    public static func counts(probabilities: Tensor, labels: [Int], sourceClasses: Int, targetClasses: Int) throws -> [[Double]] {
        var counts = Array(repeating: [Double](repeating: 0, count: targetClasses), count: sourceClasses)
        for (s, t) in zip(try probabilities.argMaxIndices(axis: -1), labels) where s < sourceClasses && t < targetClasses {
            counts[s][t] += 1
        }
        return counts
    }

    /// Target scores (N×Ct) from source log-probabilities (N×Cs); differentiable.
    public func scores(logProbabilities: Tensor) throws -> Tensor {
        guard logProbabilities.rank == 2, logProbabilities.shape[1] == sourceClasses else {
            throw ReprogrammingError(
                "label mapping: expected N×\(sourceClasses) source log-probabilities, got \(logProbabilities.shape)")
        }
        switch kind {
        case .linear:
            guard let weight, let bias else { return logProbabilities }
            return try Tensors.linear(logProbabilities.exp(), weight: weight.tensor, bias: bias.tensor)
        case .manyToOne:
            return try (matmul(logProbabilities.exp(), groupMatrix()) + 1e-12).log()
        default:
            return try logProbabilities.gathered(indices: assignment.map { $0[0] }, axis: 1)
        }
    }

    /// Cs×Ct matrix with 1/m where source s belongs to target t.
    private func groupMatrix() throws -> Tensor {
        var values = [Float](repeating: 0, count: sourceClasses * targetClasses)
        for (t, sources) in assignment.enumerated() {
            for s in sources { values[s * targetClasses + t] = 1 / Float(sources.count) }
        }
        return try Tensor(shape: [sourceClasses, targetClasses], scalars: values)
    }
}
