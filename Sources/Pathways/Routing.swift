import Tensors

/// Top-k routing: which models run on each input and with what weight.
public enum Routing {
    /// For each row of `logits` (B×M), the indices of the k largest entries (ties to the lower
    /// index), in decreasing order.
    public static func topK(_ logits: Tensor, k: Int) -> [[Int]] {
        let m = logits.shape.last ?? 0
        let rows = logits.count / max(m, 1)
        let values = logits.scalars
        return (0..<rows).map { r in
            let base = r * m
            let order = (0..<m).sorted { values[base + $0] > values[base + $1] || (values[base + $0] == values[base + $1] && $0 < $1) }
            return Array(order.prefix(k))
        }
    }

    /// An additive mask (B×M): 0 where a model is activated, −1e9 elsewhere.
    public static func mask(_ active: [[Int]], models: Int) throws -> Tensor {
        var values = [Float](repeating: -1e9, count: active.count * models)
        for (r, row) in active.enumerated() {
            for i in row { values[r * models + i] = 0 }
        }
        return try Tensor(shape: [active.count, models], scalars: values)
    }

    /// w_i(x) = softmax over A(x) of the logits, 0 outside A(x) (differentiable in `logits`).
    public static func weights(_ logits: Tensor, active: [[Int]]) throws -> Tensor {
        let models = logits.shape.last ?? 0
        return try (logits + mask(active, models: models)).softmax(axis: -1)
    }

    /// CV² of the importance Σ_x w_i(x): variance over mean² (0 when perfectly balanced).
    public static func cv2Loss(_ weights: Tensor) throws -> Tensor {
        let importance = try weights.sum(axes: [0])
        let mean = try importance.mean()
        let variance = try importance.variance()
        return try variance / (mean * mean + 1e-10)
    }

    /// Negative entropy of the batch-mean weights (lower when usage is spread).
    public static func entropyLoss(_ weights: Tensor) throws -> Tensor {
        let usage = try weights.mean(axes: [0])
        return try (usage * (usage + 1e-10).log()).sum()
    }
}
