import Foundation

/// The 1-D lanes of a tensor along one axis: lane `(o, j)` holds the elements
/// `(o * n + r) * inner + j` for `r` in `0..<n`, contiguous when the axis is the last.
struct Lanes {
    let outer: Int
    let n: Int
    let inner: Int

    /// The lanes of `shape` along `axis`.
    /// - Throws: ``TensorError`` naming `op` when the axis is out of range.
    init(shape: [Int], axis: Int, op: String) throws {
        let a = try Axis.normalized(axis, shape: shape, op: op)
        outer = Array(shape[..<a]).product
        n = shape[a]
        inner = Array(shape[(a + 1)...]).product
    }

    /// Calls `body` with the first index and the stride of every lane.
    func forEach(_ body: (_ start: Int, _ stride: Int) -> Void) {
        for o in 0..<outer {
            for j in 0..<inner { body(o * n * inner + j, inner) }
        }
    }

    /// Softmax (or log-softmax) of every lane of `source`.
    func softmax(_ source: [Float], log: Bool) -> [Float] {
        let total = source.count
        return source.withUnsafeBufferPointer { x in
            [Float](unsafeUninitializedCapacity: total) { y, initialized in
                forEach { start, step in
                    var m = -Float.infinity
                    for r in 0..<n { m = Swift.max(m, x[start + r * step]) }
                    var s: Float = 0
                    for r in 0..<n {
                        let e = Foundation.exp(x[start + r * step] - m)
                        y[start + r * step] = e
                        s += e
                    }
                    if log {
                        // (x - m) - log s: adding m and log s first would round away the
                        // fraction when m is large.
                        let logS = Foundation.log(s)
                        for r in 0..<n { y[start + r * step] = (x[start + r * step] - m) - logS }
                    } else {
                        let scale = 1 / s
                        for r in 0..<n { y[start + r * step] *= scale }
                    }
                }
                initialized = total
            }
        }
    }

    /// The input gradient of softmax (`y * (g - Σ g·y)`) or of log-softmax
    /// (`g - e^y · Σ g`), lane by lane, from the output gradient `g` and the output `y`.
    func softmaxBackward(_ gradient: [Float], _ output: [Float], log: Bool) -> [Float] {
        let total = output.count
        return gradient.withUnsafeBufferPointer { g in
            output.withUnsafeBufferPointer { y in
                [Float](unsafeUninitializedCapacity: total) { dx, initialized in
                    forEach { start, step in
                        var s: Float = 0
                        for r in 0..<n {
                            let i = start + r * step
                            s += log ? g[i] : g[i] * y[i]
                        }
                        for r in 0..<n {
                            let i = start + r * step
                            dx[i] = log ? g[i] - Foundation.exp(y[i]) * s : y[i] * (g[i] - s)
                        }
                    }
                    initialized = total
                }
            }
        }
    }
}
