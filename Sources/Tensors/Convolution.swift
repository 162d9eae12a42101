/// A 2-D convolution (PyTorch's `F.conv2d`, strictly a cross-correlation).
///
/// `input` is `N×C×H×W` (or one image `C×H×W`), `weight` is `O×C×kH×kW`, `bias` is `[O]`; the
/// result is `N×O×H'×W'` with `H' = (H + 2·padding − kH) / stride + 1` (likewise `W'`), zero
/// padding. Images are unrolled into columns (im2col) and multiplied by the weight in one GEMM
/// per group of images; gradients run the same way backwards (GEMM, then col2im).
///
/// ```swift
/// let x = try Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
/// let k = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1])
/// try conv2d(x, weight: k, bias: nil)     // [[[[6, 8], [12, 14]]]]
/// ```
/// - Throws: ``TensorError`` when the shapes do not fit together, `stride < 1`, `padding < 0`,
///   or the kernel is larger than the padded input.
public func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0
) throws -> Tensor {
    let conv = try Convolution(
        input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride,
        padding: padding)
    let out = conv.forward(input.scalars, weight.scalars, bias?.scalars)
    let (x, w) = (input.scalars, weight.scalars)
    let needs = (input.isTracked, weight.isTracked, bias?.isTracked ?? false)
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    return Tensor.record(out, inputs: inputs) { grad in
        let grads = conv.backward(
            grad.scalars, x, w, needInput: needs.0, needWeight: needs.1, needBias: needs.2)
        return Array(grads.prefix(inputs.count))
    }
}

/// The geometry of one convolution and its im2col/GEMM kernels.
struct Convolution {
    let inputShape: [Int], weightShape: [Int]
    let batch: Int, channels: Int, height: Int, width: Int
    let outChannels: Int, kernelHeight: Int, kernelWidth: Int
    let stride: Int, padding: Int
    let outHeight: Int, outWidth: Int
    /// Images unrolled per GEMM, so the column buffer stays near ``columnBudget`` elements.
    let groupSize: Int

    /// Elements of the column buffer to aim for: large GEMMs for small images, bounded memory for
    /// large ones. Fixed (not tied to the core count), so results do not depend on the machine.
    static let columnBudget = 1 << 22

    /// Rows of the column matrix: one per weight element of an output channel.
    var rows: Int { channels * kernelHeight * kernelWidth }
    /// Output positions per image.
    var plane: Int { outHeight * outWidth }
    var outShape: [Int] {
        let spatial = [outChannels, outHeight, outWidth]
        return inputShape.count == 3 ? spatial : [batch] + spatial
    }

    init(
        input: [Int], weight: [Int], bias: [Int]?, stride: Int, padding: Int,
        columnBudget: Int = Convolution.columnBudget
    ) throws {
        guard input.count == 4 || input.count == 3 else {
            throw TensorError(
                "conv2d", "expected an input of shape N×C×H×W or C×H×W, got \(input)")
        }
        guard weight.count == 4 else {
            throw TensorError("conv2d", "expected a weight of shape O×C×kH×kW, got \(weight)")
        }
        let image = input.count == 4 ? Array(input.dropFirst()) : input
        guard weight[1] == image[0] else {
            throw TensorError(
                "conv2d",
                "input \(input) has \(image[0]) channels but weight \(weight) expects \(weight[1])")
        }
        if let bias, bias != [weight[0]] {
            throw TensorError(
                "conv2d",
                "expected a bias of shape [\(weight[0])] for weight \(weight), got \(bias)")
        }
        guard stride >= 1 else {
            throw TensorError("conv2d", "stride must be at least 1, got \(stride)")
        }
        guard padding >= 0 else {
            throw TensorError("conv2d", "padding must be non-negative, got \(padding)")
        }
        let (paddedHeight, paddedWidth) = (image[1] + 2 * padding, image[2] + 2 * padding)
        guard weight[2] >= 1, weight[3] >= 1, weight[2] <= paddedHeight, weight[3] <= paddedWidth
        else {
            let kernel = "\(weight[2])×\(weight[3])"
            throw TensorError(
                "conv2d",
                "kernel \(kernel) does not fit the padded input \(paddedHeight)×\(paddedWidth)")
        }
        inputShape = input
        weightShape = weight
        batch = input.count == 4 ? input[0] : 1
        (channels, height, width) = (image[0], image[1], image[2])
        (outChannels, kernelHeight, kernelWidth) = (weight[0], weight[2], weight[3])
        self.stride = stride
        self.padding = padding
        outHeight = (paddedHeight - kernelHeight) / stride + 1
        outWidth = (paddedWidth - kernelWidth) / stride + 1
        let perImage = max(channels * kernelHeight * kernelWidth * outHeight * outWidth, 1)
        groupSize = max(1, min(batch, columnBudget / perImage))
        let limit = Int(Int32.max)
        guard groupSize * perImage <= limit, outChannels * perImage <= limit else {
            throw TensorError(
                "conv2d", "input \(input) and weight \(weight) exceed BLAS's 32-bit size limit")
        }
    }

    /// The groups of images processed by one GEMM each, in batch order.
    private var groups: [Range<Int>] {
        Swift.stride(from: 0, to: batch, by: groupSize).map { $0..<min($0 + groupSize, batch) }
    }

    /// Output planes per parallel chunk when moving gradients and results between layouts.
    private var planeGrain: Int { max(1, 4096 / max(plane, 1)) }

    // MARK: Forward

    func forward(_ input: [Float], _ weight: [Float], _ bias: [Float]?) -> Tensor {
        let (rows, plane) = (rows, plane)
        var out = [Float](repeating: 0, count: batch * outChannels * plane)
        var columns = [Float](repeating: 0, count: rows * groupSize * plane)
        var product = [Float](repeating: 0, count: outChannels * groupSize * plane)
        for group in groups {
            let span = group.count * plane
            input.withUnsafeBufferPointer { x in
                columns.withUnsafeMutableBufferPointer { col in
                    unfold(x, images: group, into: col)
                }
            }
            weight.withUnsafeBufferPointer { w in
                columns.withUnsafeBufferPointer { col in
                    product.withUnsafeMutableBufferPointer { p in
                        MatrixProduct.gemm(
                            m: outChannels, n: span, k: rows, w, lda: rows, col, ldb: span,
                            p, ldc: span)
                    }
                }
            }
            // The GEMM's rows are channels and its columns run over the group's images: move each
            // image's block to its place in N×O×H'×W', adding the bias.
            product.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { o in
                    let (source, shared) = (SharedBuffer(p), SharedBuffer(o))
                    Parallel.forEach(group.count * outChannels, grain: planeGrain) { range in
                        for item in range {
                            let (image, channel) = item.quotientAndRemainder(
                                dividingBy: outChannels)
                            let b = bias?[channel] ?? 0
                            let start = channel * span + image * plane
                            let target =
                                ((group.lowerBound + image) * outChannels + channel) * plane
                            for i in 0..<plane { shared[target + i] = source[start + i] + b }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: outShape, out)
    }

    // MARK: Backward

    /// Gradients of input, weight and bias for the output gradient `grad`, each only when asked.
    /// Sums over the batch run group by group in batch order, so they are the same on every run.
    func backward(
        _ grad: [Float], _ input: [Float], _ weight: [Float],
        needInput: Bool, needWeight: Bool, needBias: Bool
    ) -> [Tensor?] {
        let (rows, plane) = (rows, plane)
        var gradInput = needInput ? [Float](repeating: 0, count: input.count) : []
        var gradWeight = needWeight ? [Float](repeating: 0, count: weight.count) : []
        var gradGroup = [Float](repeating: 0, count: outChannels * groupSize * plane)
        var columns = [Float](repeating: 0, count: rows * groupSize * plane)
        for group in groups where needInput || needWeight {
            let span = group.count * plane
            gather(grad, images: group, into: &gradGroup)
            if needWeight {
                input.withUnsafeBufferPointer { x in
                    columns.withUnsafeMutableBufferPointer { col in
                        unfold(x, images: group, into: col)
                    }
                }
                gradGroup.withUnsafeBufferPointer { g in
                    columns.withUnsafeBufferPointer { col in
                        gradWeight.withUnsafeMutableBufferPointer { gw in
                            MatrixProduct.gemm(
                                transB: true, m: outChannels, n: rows, k: span, g, lda: span,
                                col, ldb: span, gw, ldc: rows, accumulate: true)
                        }
                    }
                }
            }
            if needInput {
                weight.withUnsafeBufferPointer { w in
                    gradGroup.withUnsafeBufferPointer { g in
                        columns.withUnsafeMutableBufferPointer { col in
                            MatrixProduct.gemm(
                                transA: true, m: rows, n: span, k: outChannels, w, lda: rows,
                                g, ldb: span, col, ldc: span)
                        }
                    }
                }
                columns.withUnsafeBufferPointer { col in
                    gradInput.withUnsafeMutableBufferPointer { gx in
                        fold(col, images: group, into: gx)
                    }
                }
            }
        }
        return [
            needInput ? Tensor(unchecked: inputShape, gradInput) : nil,
            needWeight ? Tensor(unchecked: weightShape, gradWeight) : nil,
            needBias ? Tensor(unchecked: [outChannels], biasGradient(grad)) : nil,
        ]
    }

    /// The output gradient of a group laid out as the forward GEMM's result: channels by
    /// (image, position).
    private func gather(_ grad: [Float], images group: Range<Int>, into target: inout [Float]) {
        let (plane, span) = (plane, group.count * plane)
        grad.withUnsafeBufferPointer { g in
            target.withUnsafeMutableBufferPointer { t in
                let (source, shared) = (SharedBuffer(g), SharedBuffer(t))
                Parallel.forEach(group.count * outChannels, grain: planeGrain) { range in
                    for item in range {
                        let (image, channel) = item.quotientAndRemainder(dividingBy: outChannels)
                        let start = ((group.lowerBound + image) * outChannels + channel) * plane
                        let destination = channel * span + image * plane
                        for i in 0..<plane { shared[destination + i] = source[start + i] }
                    }
                }
            }
        }
    }

    /// Per output channel, the sum of the gradient over images and positions, in that order.
    private func biasGradient(_ grad: [Float]) -> [Float] {
        var sums = [Float](repeating: 0, count: outChannels)
        grad.withUnsafeBufferPointer { g in
            for image in 0..<batch {
                for channel in 0..<outChannels {
                    let start = (image * outChannels + channel) * plane
                    var sum: Float = 0
                    for i in start..<(start + plane) { sum += g[i] }
                    sums[channel] += sum
                }
            }
        }
        return sums
    }

    // MARK: im2col and col2im

    /// (image, channel) pairs per parallel chunk: enough column entries to be worth a thread hop.
    private var columnGrain: Int { max(1, 4096 / max(kernelHeight * kernelWidth * plane, 1)) }

    /// For kernel column `j`, the output columns `x` whose input column `x·stride − padding + j`
    /// lies inside the image (the rest read the zero padding).
    private func validColumns(_ j: Int) -> Range<Int> {
        let shift = padding - j
        let first = shift > 0 ? (shift + stride - 1) / stride : 0
        let limit = width + shift  // x·stride < limit
        let end = limit > 0 ? min(outWidth, (limit - 1) / stride + 1) : 0
        return first..<max(first, end)
    }

    /// im2col: writes the patches of `images` as a `rows × (images·plane)` matrix, row
    /// `(c·kH + i)·kW + j`, column `image·plane + y·W' + x`, holding
    /// `input[image, c, y·stride − padding + i, x·stride − padding + j]` (0 outside the image).
    private func unfold(
        _ input: UnsafeBufferPointer<Float>, images group: Range<Int>,
        into columns: UnsafeMutableBufferPointer<Float>
    ) {
        let (plane, span) = (plane, group.count * plane)
        let (input, shared) = (SharedBuffer(input), SharedBuffer(columns))
        Parallel.forEach(group.count * channels, grain: columnGrain) { range in
            for item in range {
                let (image, channel) = item.quotientAndRemainder(dividingBy: channels)
                let source = ((group.lowerBound + image) * channels + channel) * height * width
                for i in 0..<kernelHeight {
                    for j in 0..<kernelWidth {
                        let row = (channel * kernelHeight + i) * kernelWidth + j
                        let valid = validColumns(j)
                        for y in 0..<outHeight {
                            let target = row * span + image * plane + y * outWidth
                            let inputRow = y * stride - padding + i
                            guard inputRow >= 0, inputRow < height else {
                                for x in 0..<outWidth { shared[target + x] = 0 }
                                continue
                            }
                            let base = source + inputRow * width - padding + j
                            for x in 0..<valid.lowerBound { shared[target + x] = 0 }
                            for x in valid { shared[target + x] = input[base + x * stride] }
                            for x in valid.upperBound..<outWidth { shared[target + x] = 0 }
                        }
                    }
                }
            }
        }
    }

    /// col2im: adds each entry of a column matrix laid out as in ``unfold`` back into the input
    /// element it was read from. Each (image, channel) plane is summed by one worker in a fixed
    /// order, so the result does not depend on the split.
    private func fold(
        _ columns: UnsafeBufferPointer<Float>, images group: Range<Int>,
        into input: UnsafeMutableBufferPointer<Float>
    ) {
        let (plane, span) = (plane, group.count * plane)
        let (columns, shared) = (SharedBuffer(columns), SharedBuffer(input))
        Parallel.forEach(group.count * channels, grain: columnGrain) { range in
            for item in range {
                let (image, channel) = item.quotientAndRemainder(dividingBy: channels)
                let target = ((group.lowerBound + image) * channels + channel) * height * width
                for i in 0..<kernelHeight {
                    for j in 0..<kernelWidth {
                        let row = (channel * kernelHeight + i) * kernelWidth + j
                        let valid = validColumns(j)
                        for y in 0..<outHeight {
                            let inputRow = y * stride - padding + i
                            guard inputRow >= 0, inputRow < height else { continue }
                            let source = row * span + image * plane + y * outWidth
                            let base = target + inputRow * width - padding + j
                            for x in valid { shared[base + x * stride] += columns[source + x] }
                        }
                    }
                }
            }
        }
    }
}
