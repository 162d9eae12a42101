import Testing
@testable import Tensors

@Suite struct ReductionTests {
    let x = Tensor(unchecked: [2, 3, 4], (0..<24).map(Float.init))
    let y = Tensor(unchecked: [2, 3], [3, 1, 3, 2, 5, 5])

    @Test func testReduction_sumOverAxes() throws {
        expectClose(try x.sum(), [276], shape: [])
        expectClose(try x.sum(axes: [1]), [12, 15, 18, 21, 48, 51, 54, 57], shape: [2, 4])
        expectClose(try x.sum(axes: [1, 2]), [66, 210], shape: [2])
        expectClose(try x.sum(axes: [-1, -2]), [66, 210], shape: [2])
        expectClose(try x.sum(axes: [0]), [12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34], shape: [3, 4])
        // Non-adjacent axes go through a permutation.
        expectClose(try x.sum(axes: [0, 2]), [60, 92, 124], shape: [3])
        expectClose(try x.sum(axes: [0, 2], keepDims: true), [60, 92, 124], shape: [1, 3, 1])
        expectClose(try x.sum(keepDims: true), [276], shape: [1, 1, 1])
        expectClose(try x.sum(axes: []), x.scalars, shape: [2, 3, 4])
        expectClose(try Tensor(2).sum(), [2], shape: [])
        expectClose(try Tensor.zeros([0, 3]).sum(axes: [0]), [0, 0, 0], shape: [3])
    }

    @Test func testReduction_longSumIsAccurate() throws {
        // 100,003 copies of 0.1: one running Float total drifts by ~1e-3 relative.
        let t = try Tensor(repeating: 0.1, shape: [100_003])
        expectClose(try t.sum(), [10_000.3], tolerance: 1e-5)
        let columns = try Tensor(repeating: 0.1, shape: [100_003, 2])
        expectClose(try columns.sum(axes: [0]), [10_000.3, 10_000.3], tolerance: 1e-5)
    }

    @Test func testReduction_meanAndVariance() throws {
        expectClose(try x.mean(), [11.5])
        expectClose(try x.mean(axes: [-1]), [1.5, 5.5, 9.5, 13.5, 17.5, 21.5], shape: [2, 3])
        expectClose(try x.variance(), [47.916668])
        expectClose(try x.variance(axes: [1]), [Float](repeating: 10.666667, count: 8), shape: [2, 4])
        expectClose(try x.variance(axes: [0, 2], unbiased: true), [42.571430, 42.571430, 42.571430], shape: [3])
        expectClose(try x.variance(axes: [2], keepDims: true), [Float](repeating: 1.25, count: 6), shape: [2, 3, 1])
    }

    @Test func testReduction_maxMinAndArgs() throws {
        expectClose(try y.max(axes: [1]), [3, 5], shape: [2])
        expectClose(try y.min(axes: [0]), [2, 1, 3], shape: [3])
        expectClose(try y.max(), [5], shape: [])
        expectClose(try y.min(axes: [1], keepDims: true), [1, 2], shape: [2, 1])
        expectClose(try y.argMax(axis: 1), [0, 1], shape: [2])
        expectClose(try y.argMin(axis: 0), [1, 0, 0], shape: [3])
        expectClose(try y.argMax(), [4], shape: [])
        expectClose(try y.argMax(axis: -1, keepDims: true), [0, 1], shape: [2, 1])
        #expect(try y.argMaxIndices(axis: 1) == [0, 1])
        #expect(try x.argMaxIndices(axis: 1) == [Int](repeating: 2, count: 8))
        #expect(try x.argMaxIndices() == [23])
    }

    @Test func testReduction_maxGradientGoesToFirstTie() throws {
        let p = Parameter(y)
        try p.tensor.max(axes: [1]).sum().backward()
        #expect(p.grad?.scalars == [1, 0, 0, 0, 1, 0])
        p.zeroGrad()
        try p.tensor.min(axes: [0]).sum().backward()
        #expect(p.grad?.scalars == [0, 1, 1, 1, 0, 0])
        p.zeroGrad()
        try p.tensor.max().backward()
        #expect(p.grad?.scalars == [0, 0, 0, 0, 1, 0])
    }

    @Test func testReduction_rejectsBadAxes() throws {
        #expect(throws: TensorError("sum", "axis 3 is out of range for shape [2, 3, 4] (expected -3..<3)")) {
            try x.sum(axes: [3])
        }
        #expect(throws: TensorError("mean", "axis -1 is repeated in [2, -1] (shape [2, 3, 4])")) {
            try x.mean(axes: [2, -1])
        }
        #expect(throws: TensorError("max", "cannot reduce over an empty axis (shape [2, 0], axes [1])")) {
            try Tensor.zeros([2, 0]).max(axes: [1])
        }
        #expect(throws: TensorError("argMax", "cannot reduce over an empty axis (shape [0])")) {
            try Tensor([]).argMax()
        }
        #expect(throws: TensorError("argMin", "axis 0 is out of range for shape [] (a scalar has no axes)")) {
            try Tensor(1).argMin(axis: 0)
        }
    }

    @Test func testReduction_gradients() throws {
        var rng = Random(seed: 9)
        let t = rng.normal([2, 3, 4])
        try GradientCheck.check(t) { try $0.sum() }
        try GradientCheck.check(t) { try $0.sum(axes: [1]) }
        try GradientCheck.check(t) { try $0.sum(axes: [0, 2], keepDims: true) }
        try GradientCheck.check(t) { try $0.mean(axes: [-1]) }
        try GradientCheck.check(t) { try $0.mean(axes: [0]) }
        try GradientCheck.check(t) { try $0.variance(axes: [1]) }
        try GradientCheck.check(t) { try $0.variance(axes: [0, 2], unbiased: true) }
        try GradientCheck.check(t) { try $0.variance() }
        // Distinct values at least 0.1 apart, so a step of 1e-2 never changes the winner.
        let spread = Tensor(unchecked: [2, 3, 4], rng.permutation(24).map { Float($0) * 0.1 })
        try GradientCheck.check(spread) { try $0.max(axes: [1]) }
        try GradientCheck.check(spread) { try $0.min(axes: [0, 2]) }
        try GradientCheck.check(spread) { try $0.max() }
        try GradientCheck.check(spread) { try $0.min(axes: [2], keepDims: true) }
    }
}
