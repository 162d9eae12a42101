import Tensors

/// Top-k routing and the exploration losses: which models run on each input, with what weight,
/// and how evenly a batch spreads over the models.
public enum Routing {
    /// For each row of `logits` (B×M), the indices of its k largest entries in decreasing order
    /// (ties to the lower index; NaN counts as −∞, so a broken logit never wins).
    public static func topK(_ logits: Tensor, k: Int) -> [[Int]] {
        let m = logits.shape.last ?? 0
        guard m > 0 else { return [] }
        let values = logits.scalars.map { $0.isNaN ? -Float.infinity : $0 }
        return (0..<(logits.count / m)).map { r in
            let order = (0..<m).sorted { a, b in
                let (x, y) = (values[r * m + a], values[r * m + b])
                return x > y || (x == y && a < b)
            }
            return Array(order.prefix(max(k, 0)))
        }
    }

    /// An additive mask (B×M): 0 where a model is activated, −1e9 elsewhere.
    public static func mask(_ active: [[Int]], models: Int) throws -> Tensor {
        var values = [Float](repeating: -1e9, count: active.count * models)
        for (r, row) in active.enumerated() {
            for i in row where (0..<models).contains(i) { values[r * models + i] = 0 }
        }
        return try Tensor(shape: [active.count, models], scalars: values)
    }

    /// w_i(x) = softmax over A(x) of the logits for i ∈ A(x), exactly 0 outside A(x)
    /// (differentiable in `logits`; each row sums to 1).
    public static func weights(_ logits: Tensor, active: [[Int]]) throws -> Tensor {
        let models = logits.shape.last ?? 0
        return try (logits + mask(active, models: models)).softmax(axis: -1)
    }

    /// The exploration loss of a batch's weights (B×M) for `kind` (0 for `.none`).
    public static func explorationLoss(_ weights: Tensor, kind: PathwayOptions.Exploration) throws -> Tensor {
        switch kind {
        case .cv2: return try cv2Loss(weights)
        case .entropy: return try entropyLoss(weights)
        case .none: return Tensor(0)
        }
    }

    /// CV² of the importance Σ_x w_i(x): its variance (over the M models, ddof 0) over its
    /// squared mean; 0 when every model gets the same total weight.
    public static func cv2Loss(_ weights: Tensor) throws -> Tensor {
        let importance = try weights.sum(axes: [0])
        let mean = try importance.mean()
        return try importance.variance() / (mean * mean + 1e-10)
    }

    /// Σ_i u_i log u_i with u the batch-mean weights: the negative entropy of the usage, lowest
    /// (−log M) when every model gets the same share.
    public static func entropyLoss(_ weights: Tensor) throws -> Tensor {
        let usage = try weights.mean(axes: [0])
        return try (usage * (usage + 1e-10).log()).sum()
    }
}
