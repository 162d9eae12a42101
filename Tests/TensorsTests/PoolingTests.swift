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

    @Test func testPooling_halvingMatchesWindowByWindow() throws {
        // 2×2 windows at stride 2 take their own path: it must pick what the general rule picks,
        // including ties (few distinct values) and NaN, on odd sizes (the last row and column
        // are left out) and rows of more than eight windows.
        var rng = Random(seed: 2)
        let (planes, height, width) = (6, 7, 19)
        var values = (0..<(planes * height * width)).map { _ in Float(rng.nextInt(below: 4)) }
        for i in [3, 40, 41, 77, 300, 301, 339] { values[i] = .nan }
        let x = Parameter(try Tensor(shape: [2, 3, height, width], scalars: values))
        let y = try maxPool2d(x.tensor, kernel: 2)
        #expect(y.shape == [2, 3, 3, 9])
        try y.summed(toShape: []).backward()
        var expected: [Float] = []
        var winners = [Float](repeating: 0, count: values.count)
        for plane in 0..<planes {
            for oy in 0..<3 {
                for ox in 0..<9 {
                    // The first NaN of the window in row-major order, else its first maximum.
                    let window = [(0, 0), (0, 1), (1, 0), (1, 1)].map {
                        plane * height * width + (2 * oy + $0.0) * width + 2 * ox + $0.1
                    }
                    let winner =
                        window.first { values[$0].isNaN }
                        ?? window.first { values[$0] == window.map { values[$0] }.max() }
                    let index = try #require(winner)
                    expected.append(values[index])
                    winners[index] += 1
                }
            }
        }
        #expect(y.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(x.grad?.scalars == winners)
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
