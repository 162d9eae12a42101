import Testing
@testable import Tensors

@Suite struct ShapeTests {
    let x = Tensor(unchecked: [2, 3, 4], (0..<24).map(Float.init))

    /// Axis permutation by direct index arithmetic, the reference for the tiled kernels.
    func naivePermute(_ t: Tensor, _ axes: [Int]) -> [Float] {
        let outShape = axes.map { t.shape[$0] }
        let inStrides = t.strides
        return (0..<t.count).map { flat in
            var rest = flat
            var source = 0
            for (i, size) in outShape.enumerated().reversed() {
                source += (rest % size) * inStrides[axes[i]]
                rest /= size
            }
            return t.scalars[source]
        }
    }

    @Test func testShape_reshapedInfersOneDimension() throws {
        #expect(try x.reshaped([4, -1]).shape == [4, 6])
        #expect(try x.reshaped([-1]).shape == [24])
        #expect(try x.reshaped([6, 4]).scalars == x.scalars)
        #expect(try Tensor([5]).reshaped([]).shape == [])
    }

    @Test func testShape_reshapedRejectsBadShapes() {
        #expect(throws: TensorError("reshaped", "cannot reshape [2, 3, 4] (24 elements) into [5, -1]")) {
            try x.reshaped([5, -1])
        }
        #expect(throws: TensorError("reshaped", "cannot reshape [2, 3, 4] (24 elements) into [4, 5]")) {
            try x.reshaped([4, 5])
        }
        #expect(throws: TensorError("reshaped", "cannot reshape [2, 3, 4] (24 elements) into [4611686018427387904, 4, -1]")) {
            try x.reshaped([1 << 62, 4, -1])
        }
        #expect(throws: TensorError("reshaped", "only one dimension can be -1, got [-1, -1]")) {
            try x.reshaped([-1, -1])
        }
        #expect(throws: TensorError("reshaped", "dimensions must be non-negative or -1, got [-2, -12]")) {
            try x.reshaped([-2, -12])
        }
    }

    @Test func testShape_transposedReversesAxes() throws {
        let m = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
        expectClose(m.transposed(), [1, 4, 2, 5, 3, 6], shape: [3, 2])
        expectClose(x.transposed(), [0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23], shape: [4, 3, 2])
        #expect(Tensor([1, 2]).transposed().shape == [2])
    }

    @Test func testShape_permutedValues() throws {
        expectClose(try x.permuted([2, 0, 1]), [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23], shape: [4, 2, 3])
        expectClose(try x.permuted([-1, 0, 1]), try x.permuted([2, 0, 1]).scalars, shape: [4, 2, 3])
    }

    @Test func testShape_permutedMatchesNaiveOnAwkwardShapes() throws {
        var rng = Random(seed: 11)
        let cases: [([Int], [Int])] = [
            ([37, 70], [1, 0]),                  // tiled transpose with ragged tiles
            ([3, 33, 40], [0, 2, 1]),            // batched transpose
            ([2, 1, 5, 1, 3], [4, 3, 2, 1, 0]),  // size-1 axes dropped
            ([1, 4, 1], [2, 0, 1]),              // only size-1 axes move: no copy needed
            ([2, 3, 4, 5], [0, 3, 1, 2]),        // merged axes, general gather
            ([2, 3, 4, 5], [2, 3, 0, 1]),        // two merged pairs swapped
            ([0, 3], [1, 0]),                    // empty
        ]
        for (shape, axes) in cases {
            let t = rng.normal(shape)
            let p = try t.permuted(axes)
            #expect(p.shape == axes.map { shape[$0] })
            #expect(p.scalars == naivePermute(t, axes), "shape \(shape), axes \(axes)")
        }
    }

    @Test func testShape_permutedRejectsBadAxes() {
        #expect(throws: TensorError("permuted", "expected 3 axes for shape [2, 3, 4], got [1, 0]")) {
            try x.permuted([1, 0])
        }
        #expect(throws: TensorError("permuted", "axis 2 is repeated in [0, 2, 2] (shape [2, 3, 4])")) {
            try x.permuted([0, 2, 2])
        }
        #expect(throws: TensorError("permuted", "axis 3 is out of range for shape [2, 3, 4] (expected -3..<3)")) {
            try x.permuted([0, 1, 3])
        }
    }

    @Test func testShape_squeezeExpandFlatten() throws {
        let t = try Tensor.zeros([1, 3, 1, 2])
        #expect(try t.squeezed().shape == [3, 2])
        #expect(try t.squeezed(axis: 2).shape == [1, 3, 2])
        #expect(try t.squeezed(axis: -4).shape == [3, 1, 2])
        #expect(try x.expandingDims(at: 0).shape == [1, 2, 3, 4])
        #expect(try x.expandingDims(at: 3).shape == [2, 3, 4, 1])
        #expect(try x.expandingDims(at: -1).shape == [2, 3, 4, 1])
        #expect(try x.expandingDims(at: -4).shape == [1, 2, 3, 4])
        #expect(try x.flattened().shape == [24])
        #expect(try x.flattened(startAxis: 1).shape == [2, 12])
        #expect(try x.flattened(startAxis: 0, endAxis: -2).shape == [6, 4])
        #expect(try Tensor(3).flattened().shape == [1])
        #expect(try x.flattened(startAxis: 1).scalars == x.scalars)
    }

    @Test func testShape_squeezeExpandFlattenErrors() throws {
        let t = try Tensor.zeros([1, 3])
        #expect(throws: TensorError("squeezed", "axis 1 has size 3, expected 1 (shape [1, 3])")) {
            try t.squeezed(axis: 1)
        }
        #expect(throws: TensorError("squeezed", "axis 2 is out of range for shape [1, 3] (expected -2..<2)")) {
            try t.squeezed(axis: 2)
        }
        #expect(throws: TensorError("expandingDims", "axis 3 is out of range for shape [1, 3] (expected -3..<3)")) {
            try t.expandingDims(at: 3)
        }
        #expect(throws: TensorError("flattened", "startAxis 2 comes after endAxis 1 (shape [2, 3, 4])")) {
            try x.flattened(startAxis: 2, endAxis: 1)
        }
    }

    @Test func testShape_gradients() throws {
        var rng = Random(seed: 2)
        let t = rng.normal([2, 3, 4])
        try GradientCheck.check(t) { try $0.reshaped([4, -1]).square() }
        try GradientCheck.check(t) { $0.transposed().square() }
        try GradientCheck.check(t) { try $0.permuted([1, 2, 0]).square() }
        try GradientCheck.check(t) { try $0.flattened(startAxis: 1).square() }
        try GradientCheck.check(t) { try $0.expandingDims(at: 1).square() }
        let u = rng.normal([3, 1, 2])
        try GradientCheck.check(u) { try $0.squeezed(axis: 1).square() }
        try GradientCheck.check(u) { try $0.squeezed().square() }
    }
}
