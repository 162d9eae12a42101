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

    @Test func testConvolution_imageGroupsDoNotChangeResults() throws {
        // A column budget of one element makes one GEMM per image; the default makes one in all.
        var rng = Random(seed: 2)
        let x = rng.normal([3, 2, 5, 5])
        let w = rng.normal([3, 2, 3, 3])
        let grad = rng.normal([3, 3, 3, 3])
        let whole = try Convolution(
            input: x.shape, weight: w.shape, bias: [3], stride: 2, padding: 1)
        let split = try Convolution(
            input: x.shape, weight: w.shape, bias: [3], stride: 2, padding: 1, columnBudget: 1)
        #expect(whole.groupSize == 3)
        #expect(split.groupSize == 1)
        let bias = [Float](repeating: 0.5, count: 3)
        #expect(
            LinearOpsCheck.maxError(
                whole.forward(x.scalars, w.scalars, bias).scalars,
                split.forward(x.scalars, w.scalars, bias).scalars) < 1e-5)
        let gradsWhole = whole.backward(
            grad.scalars, x.scalars, w.scalars, needInput: true, needWeight: true, needBias: true)
        let gradsSplit = split.backward(
            grad.scalars, x.scalars, w.scalars, needInput: true, needWeight: true, needBias: true)
        for (a, b) in zip(gradsWhole, gradsSplit) {
            #expect(
                LinearOpsCheck.maxError(try #require(a).scalars, try #require(b).scalars) < 1e-4)
        }
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
