import Learning
import Tensors

/// The output side of reprogramming: it turns the source model's log-probabilities (N×Cs) into
/// target scores (N×Ct) that cross-entropy reads as logits.
///
/// - `random` (RLM): a fixed random one-to-one assignment of source classes to target classes.
/// - `frequency` (FLM): ILM-VP's greedy frequency assignment, from the source model's top-1
///   predictions on the target training data with the initial prompt.
/// - `iterative` (ILM): FLM redone with the current prompt at the start of every epoch.
/// - `manyToOne(m)`: m source classes per target class, chosen once by the same greedy rule
///   (ILM-VP's multi-label mapping); the target score is the log of their mean probability.
/// - `linear`: a learned linear map from the source probabilities to target scores.
///
/// For a one-to-one mapping the scores are the gathered log-probabilities; cross-entropy over
/// them equals cross-entropy over the gathered logits (the softmax renormalises over the mapped
/// classes), so white-box and black-box training share one formula.
public final class LabelMapping {
    /// The kind of mapping.
    public enum Kind: Equatable, Sendable {
        case random, frequency, iterative, manyToOne(Int), linear

        /// The kind as text: `rlm`, `flm`, `ilm`, `many-to-one:m` or `linear`.
        public var text: String {
            switch self {
            case .random: return "rlm"
            case .frequency: return "flm"
            case .iterative: return "ilm"
            case .manyToOne(let m): return "many-to-one:\(m)"
            case .linear: return "linear"
            }
        }

        /// Reads ``text``, or the long names `random`, `frequency`, `iterative`.
        /// - Throws: ``ReprogrammingError`` for anything else.
        public init(text: String) throws {
            switch text {
            case "rlm", "random": self = .random
            case "flm", "frequency": self = .frequency
            case "ilm", "iterative": self = .iterative
            case "linear": self = .linear
            default:
                let prefix = "many-to-one:"
                guard text.hasPrefix(prefix), let m = Int(text.dropFirst(prefix.count)) else {
                    throw ReprogrammingError(
                        "label mapping: expected 'rlm', 'flm', 'ilm', 'many-to-one:m' or 'linear', got '\(text)'")
                }
                self = .manyToOne(m)
            }
        }
    }

    public let kind: Kind
    public let sourceClasses: Int
    public let targetClasses: Int
    /// For each target class, the source classes mapped to it (empty for `linear`).
    public private(set) var assignment: [[Int]]
    /// The learned map from source probabilities to target scores, for `linear`.
    public let layer: Linear?

    /// A mapping between `sourceClasses` and `targetClasses`. The random assignment and the
    /// linear map's initial weights (PyTorch's default) come from `seed`; frequency-based kinds
    /// start from the random assignment until ``update(counts:)``.
    /// - Throws: ``ReprogrammingError`` when there are too few source classes for the kind.
    public init(kind: Kind, sourceClasses: Int, targetClasses: Int, seed: UInt64 = 0) throws {
        var perTarget = 1
        if case .manyToOne(let m) = kind { perTarget = m }
        guard perTarget >= 1 else {
            throw ReprogrammingError("label mapping: many-to-one needs m ≥ 1 source classes per target class, got \(perTarget)")
        }
        guard targetClasses >= 1, sourceClasses >= 1 else {
            throw ReprogrammingError(
                "label mapping: needs at least one source and one target class, got \(sourceClasses) and \(targetClasses)")
        }
        if kind != .linear, perTarget * targetClasses > sourceClasses {
            throw ReprogrammingError(
                "label mapping: \(kind.text) needs \(perTarget) source class(es) per target class, \(perTarget * targetClasses) in all for \(targetClasses) target classes, but the model has \(sourceClasses)")
        }
        self.kind = kind
        self.sourceClasses = sourceClasses
        self.targetClasses = targetClasses
        var rng = Random(seed: seed)
        if kind == .linear {
            assignment = []
            layer = Linear(sourceClasses, targetClasses, rng: &rng)
        } else {
            let order = rng.permutation(sourceClasses)
            assignment = (0..<targetClasses).map { Array(order[($0 * perTarget)..<(($0 + 1) * perTarget)]) }
            layer = nil
        }
    }

    /// Source classes per target class (1 except for many-to-one).
    public var perTarget: Int {
        if case .manyToOne(let m) = kind { return m }
        return 1
    }

    /// Whether the assignment comes from the source model's predictions.
    public var isFrequencyBased: Bool {
        switch kind {
        case .frequency, .iterative, .manyToOne: return true
        case .random, .linear: return false
        }
    }

    /// The learned parameters (only for `linear`).
    public var parameters: [Parameter] { layer.map { $0.namedParameters.map(\.parameter) } ?? [] }

    /// Re-assigns from a count matrix `counts[s][t]` (how often source class s is the top-1
    /// prediction for an input of target class t); no effect for random and linear mappings.
    public func update(counts: [[Double]]) {
        guard isFrequencyBased else { return }
        assignment = LabelMapping.greedy(counts: counts, perTarget: perTarget, targetClasses: targetClasses)
    }

    /// ILM-VP's greedy assignment (`predictive_distribution_based_multi_label_mapping`):
    /// repeatedly take the largest remaining count (ties to the lowest row-major index, as
    /// `argmax` of the flattened Cs×Ct matrix), give that source class to that target class, drop
    /// the source row, and drop the target column once it has `perTarget` sources.
    ///
    /// Needs `perTarget × targetClasses ≤ counts.count` and non-negative counts (checked by
    /// ``init(kind:sourceClasses:targetClasses:seed:)``); each target's sources are in the order
    /// they were picked.
    public static func greedy(counts: [[Double]], perTarget: Int, targetClasses: Int) -> [[Int]] {
        var remaining = counts.map { row in (0..<targetClasses).map { $0 < row.count ? row[$0] : 0 } }
        var result = Array(repeating: [Int](), count: targetClasses)
        for _ in 0..<(perTarget * targetClasses) {
            var best: (s: Int, t: Int)?
            var bestValue = -Double.infinity
            for s in remaining.indices {
                for t in 0..<targetClasses where remaining[s][t] > bestValue {
                    bestValue = remaining[s][t]
                    best = (s, t)
                }
            }
            guard let (s, t) = best, bestValue >= 0 else { break }
            result[t].append(s)
            remaining[s] = Array(repeating: -1, count: targetClasses)
            if result[t].count == perTarget {
                for i in remaining.indices { remaining[i][t] = -1 }
            }
        }
        return result
    }

    /// The count matrix `counts[s][t]` of top-1 source predictions (argmax of each row of
    /// `scores`, N×Cs) per target label.
    public static func counts(scores: Tensor, labels: [Int], sourceClasses: Int, targetClasses: Int) throws -> [[Double]] {
        var counts = Array(repeating: [Double](repeating: 0, count: targetClasses), count: sourceClasses)
        for (s, t) in zip(try scores.argMaxIndices(axis: -1), labels) where s < sourceClasses && t < targetClasses {
            counts[s][t] += 1
        }
        return counts
    }

    /// Target scores (N×Ct) from source log-probabilities (N×Cs); differentiable.
    /// - Throws: ``ReprogrammingError`` when the log-probabilities are not N×Cs.
    public func scores(logProbabilities: Tensor) throws -> Tensor {
        guard logProbabilities.rank == 2, logProbabilities.shape[1] == sourceClasses else {
            throw ReprogrammingError(
                "label mapping: expected N×\(sourceClasses) source log-probabilities, got \(logProbabilities.shape)")
        }
        if let layer { return try layer(logProbabilities.exp()) }
        if perTarget == 1 { return try logProbabilities.gathered(indices: assignment.map { $0[0] }, axis: 1) }
        return try (matmul(logProbabilities.exp(), try groupMatrix()) + 1e-12).log()
    }

    /// Cs×Ct matrix with 1/m where source s belongs to target t.
    private func groupMatrix() throws -> Tensor {
        var values = [Float](repeating: 0, count: sourceClasses * targetClasses)
        for (t, sources) in assignment.enumerated() {
            for s in sources { values[s * targetClasses + t] = 1 / Float(sources.count) }
        }
        return try Tensor(shape: [sourceClasses, targetClasses], scalars: values)
    }

    /// The mapping's state, to checkpoint and restore.
    struct State {
        var assignment: [[Int]]
        var values: [Tensor]
    }

    /// The current assignment and linear weights.
    var state: State { State(assignment: assignment, values: parameters.map(\.value)) }

    /// Puts back a saved state.
    /// - Throws: ``ReprogrammingError`` when it does not fit this mapping.
    func restore(_ saved: State) throws {
        let params = parameters
        guard saved.values.count == params.count, zip(saved.values, params).allSatisfy({ $0.shape == $1.value.shape }),
            saved.assignment.count == assignment.count,
            saved.assignment.allSatisfy({ $0.count == perTarget && $0.allSatisfy { (0..<sourceClasses).contains($0) } })
        else {
            throw ReprogrammingError(
                "label mapping: a saved \(kind.text) mapping does not fit \(sourceClasses) source and \(targetClasses) target classes")
        }
        assignment = saved.assignment
        for (parameter, value) in zip(params, saved.values) { parameter.value = value }
    }

    /// The mapping as a table: each target class and the source classes it reads (for a linear
    /// map, the three source classes with the largest weights).
    public func table(sourceNames: [String], targetNames: [String]) -> TextTable {
        func name(_ names: [String], _ i: Int) -> String { i < names.count ? names[i] : String(i) }
        let rows = (0..<targetClasses).map { t -> [String] in
            let sources: [Int]
            if let layer {
                let w = layer.weight.value.scalars[(t * sourceClasses)..<((t + 1) * sourceClasses)]
                sources = Array(w.indices.sorted { w[$0] > w[$1] || (w[$0] == w[$1] && $0 < $1) }.prefix(3))
                    .map { $0 - t * sourceClasses }
            } else {
                sources = assignment[t]
            }
            return [name(targetNames, t), sources.map { name(sourceNames, $0) }.joined(separator: ", ")]
        }
        return TextTable(header: ["target", layer == nil ? "source" : "source (largest weights)"], rows: rows)
    }
}
