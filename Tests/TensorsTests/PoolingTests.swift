import Testing

@testable import Tensors

@Suite struct PoolingTests {
    let oneToNine: Tensor

    init() throws {
        oneToNine = try Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    @Test func testPooling_strideDefaultsToKernel() throws {
        let x = try Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 7])
        let m = try maxPool2d(x, kernel: 2)
        #expect(m.shape == [1, 1, 1, 2])
        #expect(m.scalars == [5, 8])
        #expect(try avgPool2d(x, kernel: 2).scalars == [3.25, 4.25])
    }

    @Test func testPooling_overlappingWindowsByHand() throws {
        #expect(try maxPool2d(oneToNine, kernel: 2, stride: 1).scalars == [5, 6, 8, 9])
        #expect(try avgPool2d(oneToNine, kernel: 2, stride: 1).scalars == [3, 4, 6, 7])
    }

    @Test func testPooling_paddingByHand() throws {
        // Windows cover rows and columns {-1, 0} and {1, 2}. Max ignores the padding (it is −∞,
        // so negative inputs still win); the mean counts it as zeros.
        #expect(try maxPool2d(oneToNine, kernel: 2, stride: 2, padding: 1).scalars == [1, 3, 7, 9])
        let negative = try Tensor(shape: [1, 3, 3], scalars: oneToNine.scalars.map { -$0 })
        let m = try maxPool2d(negative, kernel: 2, stride: 2, padding: 1)
        #expect(m.shape == [1, 2, 2])
        #expect(m.scalars == [-1, -2, -4, -5])
        let a = try avgPool2d(oneToNine, kernel: 2, stride: 2, padding: 1)
        #expect(a.scalars == [0.25, 1.25, 2.75, 7])
    }

    @Test func testPooling_maxGradientGoesToFirstWinner() throws {
        let x = Parameter(oneToNine)
        try maxPool2d(x.tensor, kernel: 2, stride: 1).summed(toShape: []).backward()
        #expect(x.grad?.scalars == [0, 0, 0, 0, 1, 1, 0, 1, 1])
        // With ties, the first element of each window in row-major order takes the gradient.
        let flat = Parameter(try Tensor.ones([1, 1, 3, 3]))
        try maxPool2d(flat.tensor, kernel: 2, stride: 1).summed(toShape: []).backward()
        #expect(flat.grad?.scalars == [1, 1, 0, 1, 1, 0, 0, 0, 0])
    }

    @Test func testPooling_averageGradientCountsWindows() throws {
        let x = Parameter(oneToNine)
        try avgPool2d(x.tensor, kernel: 2, stride: 1).summed(toShape: []).backward()
        #expect(x.grad?.scalars == [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25])
    }

    @Test func testPooling_maxPropagatesNaN() throws {
        let x = try Tensor(shape: [1, 1, 2, 2], scalars: [1, .nan, 3, 2])
        #expect(try maxPool2d(x, kernel: 2).scalars[0].isNaN)
    }

    @Test func testPooling_manyPlanesMatchPlaneByPlane() throws {
        // Enough planes to run in parallel; each must equal the pooling of that plane alone.
        var rng = Random(seed: 1)
        let x = rng.normal([8, 16, 6, 6])
        let all = try maxPool2d(x, kernel: 3, stride: 2, padding: 1)
        let planeOut = 3 * 3
        for plane in [0, 37, 127] {
            let single = try Tensor(
                shape: [1, 1, 6, 6], scalars: Array(x.scalars[(plane * 36)..<(plane * 36 + 36)]))
            let expected = try maxPool2d(single, kernel: 3, stride: 2, padding: 1).scalars
            #expect(Array(all.scalars[(plane * planeOut)..<((plane + 1) * planeOut)]) == expected)
        }
    }

    @Test func testPooling_errors() throws {
        #expect(
            throws: TensorError(
                "maxPool2d", "padding must be between 0 and half the kernel (1), got 2")
        ) {
            try maxPool2d(oneToNine, kernel: 2, padding: 2)
        }
        #expect(
            throws: TensorError(
                "avgPool2d", "kernel 4×4 does not fit the padded input 3×3 of shape [1, 1, 3, 3]")
        ) {
            try avgPool2d(oneToNine, kernel: 4)
        }
        #expect(
            throws: TensorError(
                "avgPool2d", "kernel and stride must be at least 1, got kernel 2, stride 0")
        ) {
            try avgPool2d(oneToNine, kernel: 2, stride: 0)
        }
        #expect(
            throws: TensorError("maxPool2d", "expected an input of shape N×C×H×W or C×H×W, got [9]")
        ) {
            try maxPool2d(Tensor.zeros([9]), kernel: 2)
        }
    }
}
