import Testing
@testable import Tensors

@Suite struct BroadcastingTests {
    /// The flat index into `shape` that output element `flat` of `outShape` reads.
    func source(_ flat: Int, of shape: [Int], in outShape: [Int]) -> Int {
        let strides = Tensor.strides(of: shape)
        var rest = flat
        var index = 0
        for axis in outShape.indices.reversed() {
            let position = rest % outShape[axis]
            rest /= outShape[axis]
            let a = axis - (outShape.count - shape.count)
            if a >= 0 && shape[a] != 1 { index += position * strides[a] }
        }
        return index
    }

    let pairs: [([Int], [Int])] = [
        ([4, 5], [5]), ([4, 1], [1, 5]), ([2, 3, 4], [3, 1]), ([2, 1, 4], [1, 3, 1]),
        ([1], [3, 2]), ([3, 1, 1, 2], [1, 4, 5, 1]), ([2, 3], [2, 3]), ([], [2, 2]),
        ([0, 3], [3]), ([1, 1], [1]),
    ]

    @Test func testBroadcasting_matchesIndexArithmetic() throws {
        var rng = Random(seed: 31)
        for (sa, sb) in pairs {
            let a = rng.normal(sa)
            let b = rng.normal(sb)
            let outShape = try Broadcasting.shape(sa, sb, op: "test")
            let expected = (0..<outShape.product).map {
                a.scalars[source($0, of: sa, in: outShape)] - 2 * b.scalars[source($0, of: sb, in: outShape)]
            }
            let got = try Tensor.zipBroadcast(a, b, op: "test") { $0 - 2 * $1 }
            #expect(got.shape == outShape)
            #expect(got.scalars == expected, "\(sa) with \(sb)")
            #expect(a.broadcast(to: outShape).scalars == (0..<outShape.product).map {
                a.scalars[source($0, of: sa, in: outShape)]
            })
        }
    }

    @Test func testBroadcasting_summedToShapeInvertsBroadcast() throws {
        var rng = Random(seed: 32)
        for (target, other) in pairs {
            let outShape = try Broadcasting.shape(target, other, op: "test")
            let g = rng.normal(outShape)
            var expected = [Float](repeating: 0, count: target.product)
            for i in 0..<g.count { expected[source(i, of: target, in: outShape)] += g.scalars[i] }
            expectClose(g.summed(toShape: target), expected, shape: target)
        }
    }

    @Test func testBroadcasting_summedToShapeGradient() throws {
        var rng = Random(seed: 33)
        try GradientCheck.check(rng.normal([2, 3, 4])) { $0.square().summed(toShape: [3, 1]) }
        try GradientCheck.check(rng.normal([2, 3])) { $0.square().summed(toShape: []) }
    }
}
