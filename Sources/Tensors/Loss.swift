import Foundation

// Classification losses over `[batch, classes]` scores, averaged over the batch (PyTorch's
// `reduction="mean"`), and the one-hot encoding of labels.

/// The mean cross-entropy between the softmax of `logits` (`[batch, classes]`) and the class
/// `labels` (one per row): PyTorch's `cross_entropy`.
///
/// Computed from a stable log-sum-exp; the gradient is `(softmax(logits) - onehot) / batch`.
/// ```swift
/// let loss = try crossEntropy(logits: scores, labels: [2, 0, 1])
/// ```
/// - Throws: ``TensorError`` when `logits` is not `[batch, classes]` with one label per row, the
///   batch is empty, or a label is outside `0..<classes`.
public func crossEntropy(logits: Tensor, labels: [Int]) throws -> Tensor {
    try FocalKernel(logits: logits, labels: labels, gamma: 0, op: "crossEntropy").loss()
}

/// The mean focal loss `-(1 - p_t)^γ log p_t`, where `p_t` is the softmax probability of each
/// row's label (Lin et al., 2017); `gamma: 0` gives ``crossEntropy(logits:labels:)``.
/// - Throws: ``TensorError`` as ``crossEntropy(logits:labels:)`` does, or for a negative `gamma`.
public func focalLoss(logits: Tensor, labels: [Int], gamma: Float = 2) throws -> Tensor {
    guard gamma >= 0 else {
        throw TensorError("focalLoss", "gamma must be non-negative, got \(gamma)")
    }
    return try FocalKernel(logits: logits, labels: labels, gamma: gamma, op: "focalLoss").loss()
}

/// The mean negative log-likelihood `-logProbs[i, labels[i]]` over the rows of `logProbs`
/// (`[batch, classes]`, e.g. from ``Tensor/logSoftmax(axis:)``): PyTorch's `nll_loss`.
/// - Throws: ``TensorError`` when `logProbs` is not `[batch, classes]` with one label per row, the
///   batch is empty, or a label is outside `0..<classes`.
public func nllLoss(logProbs: Tensor, labels: [Int]) throws -> Tensor {
    let (batch, classes) = try checkClassification(
        "nllLoss", logProbs.shape, labels: labels, name: "logProbs")
    var total: Double = 0
    logProbs.scalars.withUnsafeBufferPointer { x in
        for (i, label) in labels.enumerated() { total -= Double(x[i * classes + label]) }
    }
    let out = Tensor(Float(total / Double(batch)))
    let shape = logProbs.shape
    return Tensor.record(out, inputs: [logProbs]) { g in
        var grad = [Float](repeating: 0, count: batch * classes)
        let share = -g.scalars[0] / Float(batch)
        for (i, label) in labels.enumerated() { grad[i * classes + label] = share }
        return [Tensor(unchecked: shape, grad)]
    }
}

/// A `[labels.count, classes]` tensor with a 1 at each row's label and 0 elsewhere.
/// - Throws: ``TensorError`` when `classes` is not positive or a label is outside `0..<classes`.
public func oneHot(_ labels: [Int], classes: Int) throws -> Tensor {
    guard classes > 0 else {
        throw TensorError("oneHot", "classes must be positive, got \(classes)")
    }
    try checkLabels("oneHot", labels, classes: classes)
    var values = [Float](repeating: 0, count: labels.count * classes)
    for (i, label) in labels.enumerated() { values[i * classes + label] = 1 }
    return Tensor(unchecked: [labels.count, classes], values)
}

/// Checks a `[batch, classes]` score tensor (called `name`) against its labels.
private func checkClassification(
    _ op: String, _ shape: [Int], labels: [Int], name: String
) throws -> (batch: Int, classes: Int) {
    guard shape.count == 2 else {
        throw TensorError(op, "expected \(name) of shape [batch, classes], got \(shape)")
    }
    guard labels.count == shape[0] else {
        throw TensorError(
            op, "got \(labels.count) labels for \(shape[0]) rows (\(name) of shape \(shape))")
    }
    guard shape[0] > 0 else {
        throw TensorError(op, "expected at least one row, got \(name) of shape \(shape)")
    }
    try checkLabels(op, labels, classes: shape[1])
    return (shape[0], shape[1])
}

private func checkLabels(_ op: String, _ labels: [Int], classes: Int) throws {
    for label in labels where label < 0 || label >= classes {
        throw TensorError(
            op, "label \(label) is out of range for \(classes) classes (expected 0..<\(classes))")
    }
}

/// The focal loss and its gradient, fused per row: cross-entropy is the case `gamma == 0`.
///
/// With `p` the row's softmax, `t` its label and `w = (1 - p_t)^γ`, the loss is `-w log p_t` and
/// its gradient with respect to logit `k` is `F · (δ_kt - p_k)`, where
/// `F = γ (1 - p_t)^(γ-1) p_t log p_t - w` (so `F = -1` for cross-entropy). The forward pass
/// keeps the softmax for the gradient when the logits are tracked.
private struct FocalKernel {
    let logits: Tensor
    let labels: [Int]
    let gamma: Float
    let batch: Int
    let classes: Int

    init(logits: Tensor, labels: [Int], gamma: Float, op: String) throws {
        (batch, classes) = try checkClassification(op, logits.shape, labels: labels, name: "logits")
        self.logits = logits
        self.labels = labels
        self.gamma = gamma
    }

    /// The mean loss, recorded with its fused gradient.
    func loss() -> Tensor {
        let keep = GradMode.isEnabled && logits.isTracked
        // The softmax of every row when it is kept, else of the current row only.
        var probabilities = [Float](repeating: 0, count: (keep ? batch : 1) * classes)
        var logPts = [Float](repeating: 0, count: batch)
        probabilities.withUnsafeMutableBufferPointer { p in
            logits.scalars.withUnsafeBufferPointer { x in
                guard let p0 = p.baseAddress, let x0 = x.baseAddress else { return }
                for i in 0..<batch {
                    let row = keep ? p0 + i * classes : p0
                    Lanes.softmax(x0 + i * classes, row, count: classes, log: true)
                    logPts[i] = row[labels[i]]
                    if keep { VectorMath.exp(row, row, count: classes) }
                }
            }
        }
        var total: Double = 0
        for logPt in logPts { total -= Double(weight(logPt) * logPt) }
        let out = Tensor(Float(total / Double(batch)))
        return Tensor.record(out, inputs: [logits]) { g in
            let scale = g.scalars[0] / Float(batch)
            return [Tensor(unchecked: logits.shape, gradient(probabilities, logPts, scale: scale))]
        }
    }

    /// (1 - p_t)^γ.
    private func weight(_ logPt: Float) -> Float {
        gamma == 0 ? 1 : Foundation.pow(Swift.max(1 - Foundation.exp(logPt), 0), gamma)
    }

    /// The gradient of the summed loss with respect to the logits, times `scale`, from each
    /// row's softmax and log p_t.
    private func gradient(_ probabilities: [Float], _ logPts: [Float], scale: Float) -> [Float] {
        var grad = [Float](repeating: 0, count: batch * classes)
        probabilities.withUnsafeBufferPointer { p in
            grad.withUnsafeMutableBufferPointer { dx in
                for (i, logPt) in logPts.enumerated() {
                    let pt = Foundation.exp(logPt)
                    let rest = Swift.max(1 - pt, 0)
                    // The first term of F tends to 0 as p_t → 1 for every γ > 0.
                    let first = gamma == 0 || rest == 0
                        ? 0 : gamma * Foundation.pow(rest, gamma - 1) * pt * logPt
                    let f = (first - weight(logPt)) * scale
                    let start = i * classes
                    for k in 0..<classes { dx[start + k] = -f * p[start + k] }
                    dx[start + labels[i]] += f
                }
            }
        }
        return grad
    }
}
