/// A 2-D convolution (PyTorch's `F.conv2d`, strictly a cross-correlation).
///
/// `input` is `N×C×H×W` (or one image `C×H×W`), `weight` is `O×C×kH×kW`, `bias` is `[O]`; the
/// result is `N×O×H'×W'` with `H' = (H + 2·padding − kH) / stride + 1` (likewise `W'`), zero
/// padding. Each image is unrolled into columns (im2col) and multiplied by the weight in one GEMM
/// that writes its output in place, images spread over the cores; gradients run the same way
/// backwards (GEMM, then col2im).
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
///
/// The kernels work image by image, so that an image's columns stay in the core's cache between
/// im2col and its GEMMs, and images are spread over the cores. Each image's output and input
/// gradient is computed the same way whichever core takes it; the weight and bias gradients sum
/// over images in chunks of ``chunkSize``, chunk totals added in order, so every result is the
/// same on any number of cores.
struct Convolution {
    let inputShape: [Int], weightShape: [Int]
    let batch: Int, channels: Int, height: Int, width: Int
    let outChannels: Int, kernelHeight: Int, kernelWidth: Int
    let stride: Int, padding: Int
    let outHeight: Int, outWidth: Int

    /// Images per partial sum of the weight and bias gradients. Fixed (not tied to the core
    /// count), so the order of the sums, and with it the result, is the same on every machine.
    static let chunkSize = 4

    /// Rows of the column matrix: one per weight element of an output channel.
    var rows: Int { channels * kernelHeight * kernelWidth }
    /// Output positions per image.
    var plane: Int { outHeight * outWidth }
    /// Elements of one input image.
    var imageSize: Int { channels * height * width }
    /// A 1×1 kernel with stride 1 and no padding: an image is its own column matrix.
    var isPointwise: Bool { kernelHeight == 1 && kernelWidth == 1 && stride == 1 && padding == 0 }
    var outShape: [Int] {
        let spatial = [outChannels, outHeight, outWidth]
        return inputShape.count == 3 ? spatial : [batch] + spatial
    }

    init(input: [Int], weight: [Int], bias: [Int]?, stride: Int, padding: Int) throws {
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
        let limit = Int(Int32.max)
        guard rows <= limit, plane <= limit, outChannels <= limit else {
            throw TensorError(
                "conv2d", "input \(input) and weight \(weight) exceed BLAS's 32-bit size limit")
        }
    }

    /// Images per parallel chunk of the forward pass: enough multiply-adds to be worth a
    /// thread hop.
    private var imageGrain: Int { max(1, 16384 / max(outChannels * rows * plane, 1)) }

    /// Height and width of the zero-padded image.
    var paddedHeight: Int { height + 2 * padding }
    var paddedWidth: Int { width + 2 * padding }

    /// Floats that the eight-wide row copies of im2col may read or write past a row's end.
    private static let slack = 7

    /// One image's working memory: its column matrix and its zero-padded copy.
    private struct Scratch {
        let columns: UnsafeMutablePointer<Float>
        let padded: UnsafeMutablePointer<Float>
    }

    /// Runs `body` with working memory for one image at a time (uninitialised but for the
    /// padded copy's slack, which the last row copy of im2col reads).
    private func withScratch(_ body: (Scratch) -> Void) {
        let columnsCount = rows * plane + Self.slack
        let paddedCount = channels * paddedHeight * paddedWidth
        let memory = UnsafeMutablePointer<Float>.allocate(
            capacity: columnsCount + paddedCount + Self.slack)
        defer { memory.deallocate() }
        (memory + columnsCount + paddedCount).initialize(repeating: 0, count: Self.slack)
        body(Scratch(columns: memory, padded: memory + columnsCount))
    }

    // MARK: Forward

    func forward(_ input: [Float], _ weight: [Float], _ bias: [Float]?) -> Tensor {
        let (rows, plane, outChannels) = (rows, plane, outChannels)
        let size = outChannels * plane
        let out = [Float](unsafeUninitializedCapacity: batch * size) { o, initialized in
            input.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { w in
                    let (x, w, o) = (SharedBuffer(x), SharedBuffer(w), SharedBuffer(o))
                    Parallel.forEach(batch, grain: imageGrain) { images in
                        withScratch { scratch in
                            for image in images {
                                let target = o.address(image * size)
                                // The bias goes in first and the GEMM adds onto it.
                                if let bias, let target {
                                    for channel in 0..<outChannels {
                                        (target + channel * plane).update(
                                            repeating: bias[channel], count: plane)
                                    }
                                }
                                MatrixProduct.serialGEMM(
                                    m: outChannels, n: plane, k: rows, w.address(0), lda: rows,
                                    columns(of: x.address(image * imageSize), scratch), ldb: plane,
                                    target, ldc: plane, accumulate: bias != nil)
                            }
                        }
                    }
                }
            }
            initialized = batch * size
        }
        return Tensor(unchecked: outShape, out)
    }

    /// The column matrix of the image at `image`: the image itself for a pointwise kernel,
    /// otherwise the scratch columns after im2col.
    private func columns(
        of image: UnsafeMutablePointer<Float>?, _ scratch: Scratch
    ) -> UnsafeMutablePointer<Float>? {
        if isPointwise { return image }
        unfold(image, scratch)
        return scratch.columns
    }

    // MARK: Backward

    /// Gradients of input, weight and bias for the output gradient `grad`, each only when asked.
    func backward(
        _ grad: [Float], _ input: [Float], _ weight: [Float],
        needInput: Bool, needWeight: Bool, needBias: Bool
    ) -> [Tensor?] {
        let (size, weightSize, outChannels) = (outChannels * plane, outChannels * rows, outChannels)
        let chunks = (batch + Self.chunkSize - 1) / Self.chunkSize
        // Per chunk of images: its sum of the weight gradient, then of the bias gradient.
        var partials = [Float](
            repeating: 0,
            count: chunks * ((needWeight ? weightSize : 0) + (needBias ? outChannels : 0)))
        let biasStart = chunks * (needWeight ? weightSize : 0)
        // Every image of the input gradient is written whole by col2im (or the GEMM).
        let gradInput = [Float](unsafeUninitializedCapacity: needInput ? input.count : 0) {
            gx, initialized in
            grad.withUnsafeBufferPointer { g in
                input.withUnsafeBufferPointer { x in
                    weight.withUnsafeBufferPointer { w in
                        partials.withUnsafeMutableBufferPointer { p in
                            let (g, x, w) = (SharedBuffer(g), SharedBuffer(x), SharedBuffer(w))
                            let (gx, p) = (SharedBuffer(gx), SharedBuffer(p))
                            Parallel.forEach(chunks) { range in
                                withScratch { scratch in
                                    for chunk in range {
                                        let first = chunk * Self.chunkSize
                                        for image in first..<min(first + Self.chunkSize, batch) {
                                            backwardImage(
                                                g.address(image * size),
                                                input: x.address(image * imageSize),
                                                weight: w.address(0), scratch,
                                                startsChunk: image == first,
                                                weightSum: needWeight
                                                    ? p.address(chunk * weightSize) : nil,
                                                biasSum: needBias
                                                    ? p.address(biasStart + chunk * outChannels)
                                                    : nil,
                                                inputGradient: gx.address(image * imageSize))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = gx.count
        }
        return [
            needInput ? Tensor(unchecked: inputShape, gradInput) : nil,
            needWeight
                ? Tensor(
                    unchecked: weightShape, Self.sum(partials[..<biasStart], count: weightSize))
                : nil,
            needBias
                ? Tensor(unchecked: [outChannels], Self.sum(partials[biasStart...], count: outChannels))
                : nil,
        ]
    }

    /// One image's share of the gradients, from its output gradient `gradOut`: its weight
    /// gradient goes into `weightSum` (written when the image starts a chunk, added after), its
    /// bias gradient is added into `biasSum`, and its input gradient is written to
    /// `inputGradient`; a `nil` target is not asked for (or empty).
    private func backwardImage(
        _ gradOut: UnsafeMutablePointer<Float>?, input: UnsafeMutablePointer<Float>?,
        weight: UnsafeMutablePointer<Float>?, _ scratch: Scratch, startsChunk: Bool,
        weightSum: UnsafeMutablePointer<Float>?, biasSum: UnsafeMutablePointer<Float>?,
        inputGradient: UnsafeMutablePointer<Float>?
    ) {
        if let weightSum {
            MatrixProduct.serialGEMM(
                transB: true, m: outChannels, n: rows, k: plane, gradOut, lda: plane,
                columns(of: input, scratch), ldb: plane, weightSum, ldc: rows,
                accumulate: !startsChunk)
        }
        if let biasSum, let gradOut {
            for channel in 0..<outChannels {
                biasSum[channel] += Reduction.sumContiguous(gradOut + channel * plane, plane)
            }
        }
        if let inputGradient {
            // The weight's transpose times the output gradient gives the gradient of each
            // column, which col2im adds back into the image.
            MatrixProduct.serialGEMM(
                transA: true, m: rows, n: plane, k: outChannels, weight, lda: rows, gradOut,
                ldb: plane, isPointwise ? inputGradient : scratch.columns, ldc: plane)
            if !isPointwise { fold(scratch, into: inputGradient) }
        }
    }

    /// The element-wise sum of the consecutive runs of `count` values in `partials`, in order.
    private static func sum(_ partials: ArraySlice<Float>, count: Int) -> [Float] {
        var total = [Float](repeating: 0, count: count)
        for (i, value) in partials.enumerated() { total[i % count] += value }
        return total
    }

    // MARK: im2col and col2im

    /// im2col of one image: writes its patches as a `rows × plane` matrix into the scratch
    /// columns, row `(c·kH + i)·kW + j`, column `y·W' + x`, holding
    /// `image[c, y·stride − padding + i, x·stride − padding + j]` (0 outside the image).
    /// The image is first copied with its zero padding, so that every row of the patches is a
    /// plain (strided) copy.
    private func unfold(_ image: UnsafeMutablePointer<Float>?, _ scratch: Scratch) {
        let (paddedHeight, paddedWidth) = (paddedHeight, paddedWidth)
        pad(image, into: scratch.padded)
        for channel in 0..<channels {
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = (channel * kernelHeight + i) * kernelWidth + j
                    var target = scratch.columns + row * plane
                    var source = scratch.padded + (channel * paddedHeight + i) * paddedWidth + j
                    for _ in 0..<outHeight {
                        if stride == 1 {
                            // Eight at a time, past the row's end: the next row overwrites the
                            // excess, and the slack takes the last one's.
                            var x = 0
                            while x < outWidth {
                                UnsafeMutableRawPointer(target + x).storeBytes(
                                    of: UnsafeRawPointer(source + x).loadUnaligned(
                                        as: SIMD8<Float>.self),
                                    as: SIMD8<Float>.self)
                                x += 8
                            }
                        } else {
                            for x in 0..<outWidth { target[x] = source[x * stride] }
                        }
                        target += outWidth
                        source += stride * paddedWidth
                    }
                }
            }
        }
    }

    /// Copies the image into the scratch's padded image, zero borders around it (all zeros for
    /// an empty image).
    private func pad(
        _ image: UnsafeMutablePointer<Float>?, into padded: UnsafeMutablePointer<Float>
    ) {
        let (paddedHeight, paddedWidth) = (paddedHeight, paddedWidth)
        guard let image, padding > 0 else {
            if let image {
                padded.update(from: image, count: imageSize)
            } else {
                padded.update(repeating: 0, count: channels * paddedHeight * paddedWidth)
            }
            return
        }
        padded.update(repeating: 0, count: channels * paddedHeight * paddedWidth)
        for channel in 0..<channels {
            for y in 0..<height {
                let target = (channel * paddedHeight + y + padding) * paddedWidth + padding
                (padded + target).update(from: image + (channel * height + y) * width, count: width)
            }
        }
    }

    /// col2im of one image: adds each entry of the scratch columns, laid out as in
    /// ``unfold(_:_:)``, back into the element it was read from (in a fixed order, on the padded
    /// copy), then writes the image from the padded copy's inside.
    private func fold(_ scratch: Scratch, into image: UnsafeMutablePointer<Float>) {
        let (paddedHeight, paddedWidth) = (paddedHeight, paddedWidth)
        scratch.padded.update(repeating: 0, count: channels * paddedHeight * paddedWidth)
        for channel in 0..<channels {
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = (channel * kernelHeight + i) * kernelWidth + j
                    var source = scratch.columns + row * plane
                    var target = scratch.padded + (channel * paddedHeight + i) * paddedWidth + j
                    for _ in 0..<outHeight {
                        if stride == 1 {
                            VectorMath.add(source, into: target, count: outWidth)
                        } else {
                            for x in 0..<outWidth { target[x * stride] += source[x] }
                        }
                        source += outWidth
                        target += stride * paddedWidth
                    }
                }
            }
        }
        for channel in 0..<channels {
            for y in 0..<height {
                let source = (channel * paddedHeight + y + padding) * paddedWidth + padding
                (image + (channel * height + y) * width).update(
                    from: scratch.padded + source, count: width)
            }
        }
    }
}
