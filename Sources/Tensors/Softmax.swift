import Foundation

/// Softmax and log-softmax along one axis, computed with the maximum subtracted first so large
/// logits never overflow.
extension Tensor {
    /// e^x / Σ e^x along `axis` (the last by default).
    ///
    /// ```swift
    /// try Tensor([1, 2, 3]).softmax()   // [0.09, 0.2447, 0.6652]
    /// ```
    /// - Throws: ``TensorError`` when the axis is out of range.
    public func softmax(axis: Int = -1) throws -> Tensor {
        let lanes = try Lanes(shape: shape, axis: axis, op: "softmax")
        let out = Tensor(unchecked: shape, lanes.softmax(scalars, log: false))
        return Tensor.record(out, inputs: [self]) { g in
            // dx = y * (g - Σ g·y)
            [Tensor(unchecked: out.shape, lanes.softmaxBackward(g.scalars, out.scalars, log: false))]
        }
    }

    /// x - log Σ e^x along `axis` (the last by default): the log of ``softmax(axis:)``, without
    /// its underflow.
    /// - Throws: ``TensorError`` when the axis is out of range.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        let lanes = try Lanes(shape: shape, axis: axis, op: "logSoftmax")
        let out = Tensor(unchecked: shape, lanes.softmax(scalars, log: true))
        return Tensor.record(out, inputs: [self]) { g in
            // dx = g - e^y · Σ g
            [Tensor(unchecked: out.shape, lanes.softmaxBackward(g.scalars, out.scalars, log: true))]
        }
    }
}

/// e^x / Σ e^x of `x` along `axis`.
/// - Throws: ``TensorError`` when the axis is out of range.
public func softmax(_ x: Tensor, axis: Int = -1) throws -> Tensor { try x.softmax(axis: axis) }

/// x - log Σ e^x of `x` along `axis`.
/// - Throws: ``TensorError`` when the axis is out of range.
public func logSoftmax(_ x: Tensor, axis: Int = -1) throws -> Tensor {
    try x.logSoftmax(axis: axis)
}
