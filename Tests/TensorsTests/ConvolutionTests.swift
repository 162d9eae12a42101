import Testing

@testable import Tensors

/// Direct convolution by the definition, zero padding, for `N×C×H×W` input and `O×C×kH×kW`
/// weight.
private func naiveConv(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, stride: Int, padding: Int)
    -> [Float]
{
    let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let oh = (h + 2 * padding - kh) / stride + 1
    let ow = (wd + 2 * padding - kw) / stride + 1
    var out = [Float](repeating: 0, count: n * o * oh * ow)
    for image in 0..<n {
        for oc in 0..<o {
            for y in 0..<oh {
                for xo in 0..<ow {
                    var sum = bias?.scalars[oc] ?? 0
                    for ic in 0..<c {
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let (iy, ix) = (y * stride - padding + i, xo * stride - padding + j)
                                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                                sum +=
                                    x.scalars[((image * c + ic) * h + iy) * wd + ix]
                                    * w.scalars[((oc * c + ic) * kh + i) * kw + j]
                            }
                        }
                    }
                    out[((image * o + oc) * oh + y) * ow + xo] = sum
                }
            }
        }
    }
    return out
}

@Suite struct ConvolutionTests {
    @Test func testConvolution_diagonalKernelByHand() throws {
        let x = try Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let k = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1])
        let y = try conv2d(x, weight: k, bias: nil)
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [6, 8, 12, 14])
    }

    @Test func testConvolution_strideAndPaddingByHand() throws {
        // Padded input rows: 0 0 0 0 0 / 0 1 2 3 0 / 0 4 5 6 0 / 0 7 8 9 0 / 0 0 0 0 0; windows
        // start at rows and columns 0 and 2.
        let x = try Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let k = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let y = try conv2d(x, weight: k, bias: Tensor([10]), stride: 2, padding: 1)
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [14, 28, 46, 87])
    }

    @Test func testConvolution_channelsMixByHand() throws {
        // 1×1 kernel: output channel o is Σ_c w[o, c] · x[c].
        let x = try Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 10, 20, 30, 40])
        let w = try Tensor(shape: [2, 2, 1, 1], scalars: [1, 1, 2, -1])
        let y = try conv2d(x, weight: w, bias: nil)
        #expect(y.shape == [2, 2, 2])
        #expect(y.scalars == [11, 22, 33, 44, -8, -16, -24, -32])
    }

    @Test func testConvolution_matchesDirectDefinition() throws {
        var rng = Random(seed: 1)
        let x = rng.normal([3, 2, 6, 7])
        let w = rng.normal([4, 2, 3, 2])
        let b = rng.normal([4])
        for (stride, padding) in [(1, 0), (2, 1), (3, 2)] {
            let y = try conv2d(x, weight: w, bias: b, stride: stride, padding: padding)
            let expected = naiveConv(x, w, b, stride: stride, padding: padding)
            #expect(LinearOpsCheck.maxError(y.scalars, expected) < 1e-5, "stride \(stride)")
        }
    }

    /// Kernel shapes, strides and paddings that take every path of the kernels: pointwise (the
    /// image is its own column matrix), 1×1 with stride and padding, rows longer and shorter
    /// than the eight-wide copies, strides above 1.
    static let geometries: [(kernel: [Int], stride: Int, padding: Int)] = [
        ([1, 1], 1, 0), ([1, 1], 2, 1), ([3, 3], 1, 1), ([5, 5], 1, 2), ([3, 2], 1, 0),
        ([3, 3], 2, 1), ([2, 4], 3, 2),
    ]

    @Test(arguments: geometries)
    func testConvolution_everyPathMatchesDirectDefinition(
        kernel: [Int], stride: Int, padding: Int
    ) throws {
        // 19 wide: output rows of 9 to 21 elements, past one eight-wide copy and not a multiple.
        var rng = Random(seed: 11)
        let x = rng.normal([2, 3, 5, 19])
        let w = rng.normal([4, 3] + kernel)
        let b = rng.normal([4])
        let y = try conv2d(x, weight: w, bias: b, stride: stride, padding: padding)
        let expected = naiveConv(x, w, b, stride: stride, padding: padding)
        #expect(LinearOpsCheck.maxError(y.scalars, expected) < 1e-4)
    }

    @Test(arguments: geometries)
    func testConvolution_batchMatchesImageByImage(
        kernel: [Int], stride: Int, padding: Int
    ) throws {
        // Six images span two chunks of the weight-gradient sum. Each image's output and input
        // gradient is computed alone, so they equal those of the image on its own, bit for bit;
        // the weight and bias gradients sum the images' own.
        var rng = Random(seed: 12)
        let x = rng.normal([6, 2, 7, 11])
        let w = rng.normal([3, 2] + kernel)
        let conv = try Convolution(
            input: x.shape, weight: w.shape, bias: [3], stride: stride, padding: padding)
        let bias = [Float]([0.5, -1, 2])
        let out = conv.forward(x.scalars, w.scalars, bias)
        let grad = rng.normal(conv.outShape)
        let grads = conv.backward(
            grad.scalars, x.scalars, w.scalars, needInput: true, needWeight: true, needBias: true)
        let (imageSize, outSize) = (2 * 7 * 11, Array(conv.outShape.dropFirst()).product)
        var weightSum = [Float](repeating: 0, count: w.count)
        var biasSum = [Float](repeating: 0, count: 3)
        for image in 0..<6 {
            let single = try Convolution(
                input: [1, 2, 7, 11], weight: w.shape, bias: [3], stride: stride, padding: padding)
            let xi = Array(x.scalars[(image * imageSize)..<((image + 1) * imageSize)])
            let gi = Array(grad.scalars[(image * outSize)..<((image + 1) * outSize)])
            let outRange = (image * outSize)..<((image + 1) * outSize)
            #expect(Array(out.scalars[outRange]) == single.forward(xi, w.scalars, bias).scalars)
            let own = single.backward(
                gi, xi, w.scalars, needInput: true, needWeight: true, needBias: true)
            let inputRange = (image * imageSize)..<((image + 1) * imageSize)
            #expect(
                Array(try #require(grads[0]).scalars[inputRange]) == (try #require(own[0])).scalars)
            for (i, v) in try #require(own[1]).scalars.enumerated() { weightSum[i] += v }
            for (i, v) in try #require(own[2]).scalars.enumerated() { biasSum[i] += v }
        }
        #expect(LinearOpsCheck.maxError(try #require(grads[1]).scalars, weightSum) < 1e-3)
        #expect(LinearOpsCheck.maxError(try #require(grads[2]).scalars, biasSum) < 1e-3)
    }

    @Test func testConvolution_emptyInputs() throws {
        // No images; no channels (every output is the bias); gradients of empty tensors.
        let w = Parameter(try Tensor.ones([2, 3, 3, 3]))
        let b = Parameter(Tensor([1, -2]))
        let none = try conv2d(try Tensor.zeros([0, 3, 5, 5]), weight: w.tensor, bias: b.tensor)
        #expect(none.shape == [0, 2, 3, 3])
        try none.sum().backward()
        #expect(w.grad?.scalars == [Float](repeating: 0, count: 54))
        #expect(b.grad?.scalars == [0, 0])
        let x = Parameter(try Tensor.zeros([1, 0, 4, 4]))
        let flat = Parameter(try Tensor.zeros([2, 0, 3, 3]))
        let y = try conv2d(x.tensor, weight: flat.tensor, bias: b.tensor, padding: 1)
        #expect(y.scalars == [Float](repeating: 1, count: 16) + [Float](repeating: -2, count: 16))
        try y.sum().backward()
        #expect(x.grad?.shape == [1, 0, 4, 4])
        #expect(b.grad?.scalars == [16, 16])
    }

    @Test func testConvolution_bitIdenticalAcrossRuns() throws {
        var rng = Random(seed: 3)
        let x = rng.normal([16, 3, 12, 12])
        let w = Parameter(rng.normal([8, 3, 3, 3]))
        let b = Parameter(rng.normal([8]))
        let r = rng.normal([16, 8, 12, 12])
        func run() throws -> [[Float]] {
            w.zeroGrad()
            b.zeroGrad()
            let y = try conv2d(x, weight: w.tensor, bias: b.tensor, padding: 1)
            try (y * r).summed(toShape: []).backward()
            return [y.scalars, try #require(w.grad).scalars, try #require(b.grad).scalars]
        }
        let first = try run()
        for _ in 0..<3 {
            #expect(try run() == first)
        }
    }

    @Test func testConvolution_errorsNameShapes() throws {
        let x = try Tensor.zeros([1, 2, 4, 4])
        #expect(
            throws: TensorError(
                "conv2d", "input [1, 2, 4, 4] has 2 channels but weight [3, 1, 2, 2] expects 1")
        ) {
            try conv2d(x, weight: Tensor.zeros([3, 1, 2, 2]), bias: nil)
        }
        #expect(
            throws: TensorError(
                "conv2d", "expected a bias of shape [3] for weight [3, 2, 2, 2], got [2]")
        ) {
            try conv2d(x, weight: Tensor.zeros([3, 2, 2, 2]), bias: Tensor.zeros([2]))
        }
        #expect(throws: TensorError("conv2d", "kernel 5×5 does not fit the padded input 4×4")) {
            try conv2d(x, weight: Tensor.zeros([1, 2, 5, 5]), bias: nil)
        }
        #expect(throws: TensorError("conv2d", "stride must be at least 1, got 0")) {
            try conv2d(x, weight: Tensor.zeros([1, 2, 2, 2]), bias: nil, stride: 0)
        }
        #expect(
            throws: TensorError("conv2d", "expected an input of shape N×C×H×W or C×H×W, got [4, 4]")
        ) {
            try conv2d(Tensor.zeros([4, 4]), weight: Tensor.zeros([1, 1, 2, 2]), bias: nil)
        }
    }
}
