import Testing

@testable import Tensors

@Suite struct ResizeTests {
    @Test func testResize_upsampleByHand() throws {
        // Output column d samples input column (d + 0.5)/2 − 0.5 = −0.25 (clamped to 0), 0.25,
        // 0.75, 1.25 (past the last column, so it stays there); rows alike.
        let x = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 5])
        let y = try resizedBilinear(x, height: 4, width: 4)
        #expect(y.shape == [1, 1, 4, 4])
        let expected: [Float] = [
            1, 1.25, 1.75, 2,
            1.5, 1.8125, 2.4375, 2.75,
            2.5, 2.9375, 3.8125, 4.25,
            3, 3.5, 4.5, 5,
        ]
        #expect(LinearOpsCheck.maxError(y.scalars, expected) < 1e-6)
    }

    @Test func testResize_matchesPyTorchOnNonUniformScale() throws {
        // x[i] = i²/7 on a 3×4 grid, resized to 5×3. Expected values from PyTorch 2.15:
        // F.interpolate(x, size=(5, 3), mode='bilinear', align_corners=False).
        let x = try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0 * $0) / 7 })
        let y = try resizedBilinear(x, height: 5, width: 3)
        #expect(y.shape == [5, 3])
        let expected: [Float] = [
            0.02380952797830105, 0.3571428656578064, 1.1666667461395264,
            1.0142858028411865, 1.957142949104309, 3.3761909008026123,
            2.5, 4.357142925262451, 6.690476417541504,
            6.728572845458984, 9.500000953674316, 12.747621536254883,
            9.547619819641113, 12.928570747375488, 16.785715103149414,
        ]
        #expect(LinearOpsCheck.maxError(y.scalars, expected) < 1e-5)
    }

    @Test func testResize_downsampleToOneColumnByHand() throws {
        // One output column samples input column 0.5: the mean of the two; three output rows
        // sample rows 0 (clamped from −1/6), 0.5 and 7/6 (past the last row, so row 1 alone):
        // 1.5, 2.75, 4.
        let x = try Tensor(shape: [1, 2, 2], scalars: [1, 2, 3, 5])
        let y = try resizedBilinear(x, height: 3, width: 1)
        #expect(y.shape == [1, 3, 1])
        #expect(LinearOpsCheck.maxError(y.scalars, [1.5, 2.75, 4]) < 1e-6)
    }

    @Test func testResize_sameSizeIsIdentityAndPlanesAreIndependent() throws {
        var rng = Random(seed: 1)
        let x = rng.normal([3, 4, 5, 6])
        #expect(try resizedBilinear(x, height: 5, width: 6).scalars == x.scalars)
        let y = try resizedBilinear(x, height: 2, width: 3)
        let plane = try Tensor(shape: [5, 6], scalars: Array(x.scalars[(7 * 30)..<(8 * 30)]))
        #expect(
            Array(y.scalars[(7 * 6)..<(8 * 6)])
                == (try resizedBilinear(plane, height: 2, width: 3).scalars))
    }

    @Test func testResize_gradientSumsWeightsByHand() throws {
        // Each output pixel's four weights sum to 1, so the gradient of the total is the number
        // of outputs spread over the inputs: 16 in all for a 4×4 output; by symmetry 4 each.
        let x = Parameter(try Tensor(shape: [2, 2], scalars: [1, 2, 3, 5]))
        try resizedBilinear(x.tensor, height: 4, width: 4).summed(toShape: []).backward()
        #expect(LinearOpsCheck.maxError(try #require(x.grad).scalars, [4, 4, 4, 4]) < 1e-6)
    }

    @Test func testResize_errors() throws {
        #expect(
            throws: TensorError("resizedBilinear", "target size must be at least 1×1, got 0×3")
        ) {
            try resizedBilinear(Tensor.zeros([2, 2]), height: 0, width: 3)
        }
        #expect(
            throws: TensorError(
                "resizedBilinear", "expected an input of shape N×C×H×W, C×H×W or H×W, got [4]")
        ) {
            try resizedBilinear(Tensor.zeros([4]), height: 2, width: 2)
        }
        #expect(
            throws: TensorError(
                "resizedBilinear", "cannot resize an empty image of shape [1, 0, 3]")
        ) {
            try resizedBilinear(Tensor.zeros([1, 0, 3]), height: 2, width: 2)
        }
    }
}
