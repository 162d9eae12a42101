/// Resizes the last two axes by bilinear interpolation, as PyTorch's
/// `F.interpolate(x, size: (height, width), mode: "bilinear", align_corners: False)`.
///
/// `x` is `N×C×H×W`, `C×H×W` or `H×W`. Output pixel `d` samples the input at
/// `s = (d + 0.5)·H/height − 0.5` (clamped at 0), mixing the two nearest input pixels; likewise
/// along the width. Differentiable with respect to `x`.
///
/// ```swift
/// let x = try Tensor(shape: [2, 2], scalars: [0, 1, 2, 3])
/// try resizedBilinear(x, height: 1, width: 1)     // [[1.5]]
/// ```
/// - Throws: ``TensorError`` for a rank other than 2, 3 or 4, or a target size below 1.
public func resizedBilinear(_ x: Tensor, height: Int, width: Int) throws -> Tensor {
    let resize = try Resize(x.shape, height: height, width: width)
    let out = resize.forward(x.scalars)
    return Tensor.record(out, inputs: [x]) { grad in [resize.backward(grad.scalars)] }
}

/// The sampling positions of one bilinear resize, and its kernels (plane by plane, in parallel,
/// each worker writing only its own plane).
struct Resize {
    /// For one output row (or column): the two input rows it mixes and their weights.
    struct Tap: Sendable {
        let low: Int, high: Int
        let lowWeight: Float, highWeight: Float

        /// PyTorch's `area_pixel_compute_source_index` and neighbour choice, in `Float` as
        /// PyTorch computes them for float tensors.
        init(output: Int, inputSize: Int, outputSize: Int) {
            let scale = Float(inputSize) / Float(outputSize)
            let source = max(scale * (Float(output) + 0.5) - 0.5, 0)
            low = min(Int(source), inputSize - 1)
            high = low < inputSize - 1 ? low + 1 : low
            highWeight = min(max(source - Float(low), 0), 1)
            lowWeight = 1 - highWeight
        }
    }

    let inputShape: [Int]
    let planes: Int, inHeight: Int, inWidth: Int
    let outHeight: Int, outWidth: Int
    let rows: [Tap], columns: [Tap]

    var outShape: [Int] { inputShape.dropLast(2) + [outHeight, outWidth] }

    init(_ shape: [Int], height: Int, width: Int) throws {
        guard (2...4).contains(shape.count) else {
            throw TensorError(
                "resizedBilinear", "expected an input of shape N×C×H×W, C×H×W or H×W, got \(shape)")
        }
        guard height >= 1, width >= 1 else {
            throw TensorError(
                "resizedBilinear", "target size must be at least 1×1, got \(height)×\(width)")
        }
        let (inHeight, inWidth) = (shape[shape.count - 2], shape[shape.count - 1])
        guard inHeight >= 1, inWidth >= 1 else {
            throw TensorError("resizedBilinear", "cannot resize an empty image of shape \(shape)")
        }
        inputShape = shape
        planes = shape.dropLast(2).product
        (self.inHeight, self.inWidth) = (inHeight, inWidth)
        (outHeight, outWidth) = (height, width)
        rows = (0..<height).map { Tap(output: $0, inputSize: inHeight, outputSize: height) }
        columns = (0..<width).map { Tap(output: $0, inputSize: inWidth, outputSize: width) }
    }

    /// Planes per parallel chunk: enough elements to be worth a thread hop.
    private var grain: Int { max(1, 4096 / max(outHeight * outWidth, 1)) }

    func forward(_ input: [Float]) -> Tensor {
        let (inPlane, outPlane) = (inHeight * inWidth, outHeight * outWidth)
        var out = [Float](repeating: 0, count: planes * outPlane)
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                let (x, o) = (SharedBuffer(x), SharedBuffer(o))
                Parallel.forEach(planes, grain: grain) { range in
                    for plane in range {
                        for (oy, r) in rows.enumerated() {
                            let top = plane * inPlane + r.low * inWidth
                            let bottom = plane * inPlane + r.high * inWidth
                            for (ox, c) in columns.enumerated() {
                                let upper =
                                    c.lowWeight * x[top + c.low] + c.highWeight * x[top + c.high]
                                let lower =
                                    c.lowWeight * x[bottom + c.low] + c.highWeight
                                    * x[bottom + c.high]
                                o[plane * outPlane + oy * outWidth + ox] =
                                    r.lowWeight * upper + r.highWeight * lower
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: outShape, out)
    }

    /// Sends each output gradient back to its four input pixels with the forward weights.
    func backward(_ grad: [Float]) -> Tensor {
        let (inPlane, outPlane) = (inHeight * inWidth, outHeight * outWidth)
        var gradInput = [Float](repeating: 0, count: planes * inPlane)
        grad.withUnsafeBufferPointer { g in
            gradInput.withUnsafeMutableBufferPointer { gx in
                let (g, gx) = (SharedBuffer(g), SharedBuffer(gx))
                Parallel.forEach(planes, grain: grain) { range in
                    for plane in range {
                        for (oy, r) in rows.enumerated() {
                            let top = plane * inPlane + r.low * inWidth
                            let bottom = plane * inPlane + r.high * inWidth
                            for (ox, c) in columns.enumerated() {
                                let value = g[plane * outPlane + oy * outWidth + ox]
                                let (upper, lower) = (value * r.lowWeight, value * r.highWeight)
                                gx[top + c.low] += upper * c.lowWeight
                                gx[top + c.high] += upper * c.highWeight
                                gx[bottom + c.low] += lower * c.lowWeight
                                gx[bottom + c.high] += lower * c.highWeight
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: inputShape, gradInput)
    }
}
