import Foundation

/// The 1-D lanes of a tensor along one axis: lane `(o, j)` holds the elements
/// `(o * n + r) * inner + j` for `r` in `0..<n`.
///
/// Kernels work on each lane as a contiguous row: lanes along the last axis are used in place,
/// others are copied into a scratch row and back.
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

    /// A new array whose every lane is `row` applied to the matching lanes of `a` and `b`
    /// (`row(a, b, out)`, each pointing at `n` contiguous floats).
    func map(
        _ a: [Float], _ b: [Float],
        _ row: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> [Float] {
        let total = a.count
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                [Float](unsafeUninitializedCapacity: total) { out, initialized in
                    initialized = total
                    guard total > 0, let a0 = pa.baseAddress, let b0 = pb.baseAddress,
                          let out0 = out.baseAddress
                    else { return }
                    if inner == 1 {
                        for o in 0..<outer { row(a0 + o * n, b0 + o * n, out0 + o * n) }
                        return
                    }
                    var scratch = [Float](repeating: 0, count: 3 * n)
                    scratch.withUnsafeMutableBufferPointer { s in
                        guard let laneA = s.baseAddress else { return }
                        let laneB = laneA + n
                        let laneOut = laneA + 2 * n
                        for o in 0..<outer {
                            for j in 0..<inner {
                                let start = o * n * inner + j
                                for r in 0..<n {
                                    laneA[r] = pa[start + r * inner]
                                    laneB[r] = pb[start + r * inner]
                                }
                                row(laneA, laneB, laneOut)
                                for r in 0..<n { out[start + r * inner] = laneOut[r] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Softmax (or log-softmax) of every lane of `source`.
    func softmax(_ source: [Float], log: Bool) -> [Float] {
        map(source, source) { x, _, y in Lanes.softmax(x, y, count: n, log: log) }
    }

    /// The input gradient of softmax (`y · (g - Σ g·y)`) or of log-softmax (`g - e^y · Σ g`),
    /// lane by lane, from the output gradient `g` and the output `y`.
    func softmaxBackward(_ gradient: [Float], _ output: [Float], log: Bool) -> [Float] {
        let n = self.n
        return map(gradient, output) { g, y, dx in
            if log {
                let s = Reduction.sumContiguous(g, n)
                VectorMath.exp(y, dx, count: n)
                for r in 0..<n { dx[r] = g[r] - dx[r] * s }
            } else {
                let s = VectorMath.dot(g, y, count: n)
                for r in 0..<n { dx[r] = y[r] * (g[r] - s) }
            }
        }
    }

    /// Softmax (or log-softmax) of `count` contiguous floats, with the maximum subtracted first
    /// so that no exponential overflows.
    static func softmax(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, log: Bool
    ) {
        guard count > 0 else { return }
        let m = VectorMath.max(x, count: count)
        for r in 0..<count { y[r] = x[r] - m }
        VectorMath.exp(y, y, count: count)
        let s = Reduction.sumContiguous(y, count)
        if log {
            // (x - m) - log s: adding m and log s first would round away the fraction when m
            // is large.
            let logS = Foundation.log(s)
            for r in 0..<count { y[r] = (x[r] - m) - logS }
        } else {
            let scale = 1 / s
            for r in 0..<count { y[r] *= scale }
        }
    }
}
