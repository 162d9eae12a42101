/// Tensors made from ranges and patterns.
extension Tensor {
    /// The values `start, start + step, …` below `end` (above it for a negative step), as numpy's
    /// `arange`: `ceil((end - start) / step)` elements, each computed as `start + i * step`.
    ///
    /// ```swift
    /// try Tensor.arange(end: 4)                          // [0, 1, 2, 3]
    /// try Tensor.arange(start: 1, end: 0, step: -0.25)   // [1, 0.75, 0.5, 0.25]
    /// ```
    /// - Throws: ``TensorError`` when `step` is 0, a bound is not finite, or the range would hold
    ///   more than 2^31 elements.
    public static func arange(start: Float = 0, end: Float, step: Float = 1) throws -> Tensor {
        guard step != 0 else { throw TensorError("arange", "step cannot be 0") }
        guard start.isFinite, end.isFinite, step.isFinite else {
            throw TensorError(
                "arange", "expected finite start, end and step, got \(start), \(end), \(step)")
        }
        let length = (Double(end) - Double(start)) / Double(step)
        guard length <= Double(Int32.max) else {
            throw TensorError("arange", "\(start)..<\(end) by \(step) would hold too many elements")
        }
        let n = Swift.max(Int(length.rounded(.up)), 0)
        return Tensor((0..<n).map { start + Float($0) * step })
    }

    /// `count` evenly spaced values from `start` to `end`, both included (numpy's `linspace`).
    /// - Throws: ``TensorError`` when `count` is negative.
    public static func linspace(start: Float, end: Float, count: Int) throws -> Tensor {
        guard count >= 0 else {
            throw TensorError("linspace", "count must be non-negative, got \(count)")
        }
        guard count > 1 else { return Tensor(count == 1 ? [start] : []) }
        let step = (end - start) / Float(count - 1)
        var values = (0..<count).map { start + Float($0) * step }
        values[count - 1] = end
        return Tensor(values)
    }

    /// The `n × n` identity matrix.
    /// - Throws: ``TensorError`` when `n` is negative.
    public static func eye(_ n: Int) throws -> Tensor {
        guard n >= 0 else { throw TensorError("eye", "size must be non-negative, got \(n)") }
        guard !n.multipliedReportingOverflow(by: n).overflow else {
            throw TensorError("eye", "size \(n) is too large")
        }
        var values = [Float](repeating: 0, count: n * n)
        for i in 0..<n { values[i * n + i] = 1 }
        return Tensor(unchecked: [n, n], values)
    }
}
