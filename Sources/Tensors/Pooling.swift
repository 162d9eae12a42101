/// 2-D max pooling over the last two axes (PyTorch's `F.max_pool2d`).
///
/// `x` is `N×C×H×W` or `C×H×W`; each output element is the largest value of a `kernel×kernel`
/// window, windows stepping by `stride` (the kernel size when `nil`), over the input padded by
/// `padding` on every side with −∞. The output is `H' = (H + 2·padding − kernel) / stride + 1`
/// high (likewise wide). The gradient goes to the first largest element of each window.
///
/// ```swift
/// let x = try Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 7])
/// try maxPool2d(x, kernel: 2)      // [[[[5, 8]]]]
/// ```
/// - Throws: ``TensorError`` for a rank other than 3 or 4, a kernel or stride below 1, a padding
///   below 0 or above half the kernel, or a window larger than the padded input.
public func maxPool2d(_ x: Tensor, kernel: Int, stride: Int? = nil, padding: Int = 0) throws
    -> Tensor
{
    let pool = try Pooling(
        "maxPool2d", x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    let (out, winners) = pool.maxForward(x.scalars)
    return Tensor.record(out, inputs: [x]) { grad in [pool.maxBackward(grad.scalars, winners)] }
}

/// 2-D average pooling over the last two axes (PyTorch's `F.avg_pool2d` with its defaults).
///
/// Like ``maxPool2d(_:kernel:stride:padding:)``, but each output is the mean of its window;
/// zero padding counts towards the mean (PyTorch's `count_include_pad=True`), so every window
/// divides by `kernel²`.
///
/// ```swift
/// let x = try Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 7])
/// try avgPool2d(x, kernel: 2)      // [[[[3.25, 4.25]]]]
/// ```
/// - Throws: ``TensorError`` as ``maxPool2d(_:kernel:stride:padding:)`` does.
public func avgPool2d(_ x: Tensor, kernel: Int, stride: Int? = nil, padding: Int = 0) throws
    -> Tensor
{
    let pool = try Pooling(
        "avgPool2d", x.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
    let out = pool.averageForward(x.scalars)
    return Tensor.record(out, inputs: [x]) { grad in [pool.averageBackward(grad.scalars)] }
}

/// The geometry of one pooling and its kernels, which work plane by plane (one plane per image
/// and channel, in parallel, each worker writing only its own plane).
struct Pooling {
    let inputShape: [Int]
    let planes: Int, height: Int, width: Int
    let kernel: Int, stride: Int, padding: Int
    let outHeight: Int, outWidth: Int

    var outShape: [Int] { inputShape.dropLast(2) + [outHeight, outWidth] }

    init(_ op: String, _ shape: [Int], kernel: Int, stride: Int, padding: Int) throws {
        guard shape.count == 4 || shape.count == 3 else {
            throw TensorError(op, "expected an input of shape N×C×H×W or C×H×W, got \(shape)")
        }
        guard kernel >= 1, stride >= 1 else {
            throw TensorError(
                op, "kernel and stride must be at least 1, got kernel \(kernel), stride \(stride)")
        }
        guard padding >= 0, padding <= kernel / 2 else {
            throw TensorError(
                op, "padding must be between 0 and half the kernel (\(kernel / 2)), got \(padding)")
        }
        let (height, width) = (shape[shape.count - 2], shape[shape.count - 1])
        guard kernel <= height + 2 * padding, kernel <= width + 2 * padding else {
            let size = "\(height + 2 * padding)×\(width + 2 * padding)"
            throw TensorError(
                op,
                "kernel \(kernel)×\(kernel) does not fit the padded input \(size) of shape \(shape)")
        }
        inputShape = shape
        planes = shape.dropLast(2).product
        (self.height, self.width) = (height, width)
        (self.kernel, self.stride, self.padding) = (kernel, stride, padding)
        outHeight = (height + 2 * padding - kernel) / stride + 1
        outWidth = (width + 2 * padding - kernel) / stride + 1
    }

    /// The input rows (or columns) a window starting at output index `o` covers, clipped to the
    /// image: padding contributes nothing to a maximum and zeros to a sum.
    private func window(_ o: Int, size: Int) -> Range<Int> {
        let start = o * stride - padding
        return max(start, 0)..<min(start + kernel, size)
    }

    /// Planes per parallel chunk: enough elements to be worth a thread hop.
    private var grain: Int { max(1, 4096 / max(height * width, 1)) }

    // MARK: Max

    /// The maxima and, for each, the flat input index it came from.
    func maxForward(_ input: [Float]) -> (Tensor, [Int]) {
        let count = planes * outHeight * outWidth
        let halving = kernel == 2 && stride == 2 && padding == 0
        var winners: [Int] = []
        // Every output and winner is written by its plane's kernel.
        let out = [Float](unsafeUninitializedCapacity: count) { o, outCount in
            winners = [Int](unsafeUninitializedCapacity: count) { w, winnerCount in
                input.withUnsafeBufferPointer { x in
                    let (x, o, w) = (SharedBuffer(x), SharedBuffer(o), SharedBuffer(w))
                    Parallel.forEach(planes, grain: grain) { range in
                        for plane in range {
                            if halving {
                                maxHalving(plane, x, o, w)
                            } else {
                                maxPlane(plane, x, o, w)
                            }
                        }
                    }
                }
                winnerCount = count
            }
            outCount = count
        }
        return (Tensor(unchecked: outShape, out), winners)
    }

    /// Whether `v` takes a window from the current maximum `best`: a larger value, or a NaN
    /// (which wins, as in PyTorch, so it propagates); ties stay with the earlier element.
    @inline(__always)
    private static func beats(_ v: Float, _ best: Float) -> Bool {
        (v > best) != (v.isNaN && !best.isNaN)
    }

    /// Max pooling of one plane, any window.
    private func maxPlane(
        _ plane: Int, _ x: SharedBuffer<Float>, _ o: SharedBuffer<Float>, _ w: SharedBuffer<Int>
    ) {
        let base = plane * height * width
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                var best = -Float.infinity
                var bestIndex =
                    base + max(oy * stride - padding, 0) * width + max(ox * stride - padding, 0)
                for iy in window(oy, size: height) {
                    for ix in window(ox, size: width) {
                        let v = x[base + iy * width + ix]
                        if Self.beats(v, best) {
                            best = v
                            bestIndex = base + iy * width + ix
                        }
                    }
                }
                let target = plane * outHeight * outWidth + oy * outWidth + ox
                o[target] = best
                w[target] = bestIndex
            }
        }
    }

    /// Max pooling of one plane with 2×2 windows at stride 2 and no padding (the common case):
    /// the same result as ``maxPlane(_:_:_:_:)``, by selects instead of branches (on random
    /// data, the branches of the general loop mispredict half the time).
    private func maxHalving(
        _ plane: Int, _ x: SharedBuffer<Float>, _ o: SharedBuffer<Float>, _ w: SharedBuffer<Int>
    ) {
        let base = plane * height * width
        for oy in 0..<outHeight {
            let target = (plane * outHeight + oy) * outWidth
            for ox in 0..<outWidth {
                // The window in row-major order: a b / c d.
                let a = base + 2 * oy * width + 2 * ox
                var (best, bestIndex) = (x[a], a)
                func consider(_ index: Int) {
                    let v = x[index]
                    let wins = Self.beats(v, best)
                    best = wins ? v : best
                    bestIndex = wins ? index : bestIndex
                }
                consider(a + 1)
                consider(a + width)
                consider(a + width + 1)
                o[target + ox] = best
                w[target + ox] = bestIndex
            }
        }
    }

    /// Sends each output gradient to the input element that won its window.
    func maxBackward(_ grad: [Float], _ winners: [Int]) -> Tensor {
        let outPlane = outHeight * outWidth
        var gradInput = [Float](repeating: 0, count: planes * height * width)
        grad.withUnsafeBufferPointer { g in
            winners.withUnsafeBufferPointer { w in
                gradInput.withUnsafeMutableBufferPointer { gx in
                    let (g, w, gx) = (SharedBuffer(g), SharedBuffer(w), SharedBuffer(gx))
                    Parallel.forEach(planes, grain: grain) { range in
                        for i in (range.lowerBound * outPlane)..<(range.upperBound * outPlane) {
                            gx[w[i]] += g[i]
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: inputShape, gradInput)
    }

    // MARK: Average

    func averageForward(_ input: [Float]) -> Tensor {
        let (outPlane, scale) = (outHeight * outWidth, 1 / Float(kernel * kernel))
        var out = [Float](repeating: 0, count: planes * outPlane)
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                let (x, o) = (SharedBuffer(x), SharedBuffer(o))
                Parallel.forEach(planes, grain: grain) { range in
                    for plane in range {
                        let base = plane * height * width
                        for oy in 0..<outHeight {
                            for ox in 0..<outWidth {
                                var sum: Float = 0
                                for iy in window(oy, size: height) {
                                    for ix in window(ox, size: width) {
                                        sum += x[base + iy * width + ix]
                                    }
                                }
                                o[plane * outPlane + oy * outWidth + ox] = sum * scale
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: outShape, out)
    }

    /// Spreads each output gradient evenly over its window (padding takes its share too).
    func averageBackward(_ grad: [Float]) -> Tensor {
        let (outPlane, scale) = (outHeight * outWidth, 1 / Float(kernel * kernel))
        var gradInput = [Float](repeating: 0, count: planes * height * width)
        grad.withUnsafeBufferPointer { g in
            gradInput.withUnsafeMutableBufferPointer { gx in
                let (g, gx) = (SharedBuffer(g), SharedBuffer(gx))
                Parallel.forEach(planes, grain: grain) { range in
                    for plane in range {
                        let base = plane * height * width
                        for oy in 0..<outHeight {
                            for ox in 0..<outWidth {
                                let share = g[plane * outPlane + oy * outWidth + ox] * scale
                                for iy in window(oy, size: height) {
                                    for ix in window(ox, size: width) {
                                        gx[base + iy * width + ix] += share
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: inputShape, gradInput)
    }
}
