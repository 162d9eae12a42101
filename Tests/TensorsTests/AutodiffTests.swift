import Testing
@testable import Tensors

@Suite struct AutodiffTests {
    @Test func testAutodiff_broadcastProductGradient() throws {
        let w = Parameter(try Tensor(shape: [2, 1], scalars: [1, 2]))
        let x = try Tensor(shape: [1, 3], scalars: [3, 4, 5])
        // y = w * x broadcast to [2, 3]; sum of y has d/dw_i = sum(x) = 12.
        let y = try w.tensor * x
        let loss = try (y - Tensor(0)).summed(toShape: [])
        #expect(y.shape == [2, 3])
        try loss.backward()
        #expect(w.grad?.scalars == [12, 12])
    }
}

@Suite struct RandomTests {
    @Test func testRandom_sameSeedSameNumbers() {
        var a = Random(seed: 7)
        var b = Random(seed: 7)
        #expect(a.normal([5]).scalars == b.normal([5]).scalars)
        #expect(a.permutation(10) == b.permutation(10))
        var c = Random(seed: 8)
        #expect(a.uniform([4]).scalars != c.uniform([4]).scalars)
    }

    @Test func testRandom_normalMoments() {
        var rng = Random(seed: 1)
        let x = rng.normal([20000]).scalars
        let mean = x.reduce(0, +) / Float(x.count)
        let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(x.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func testRandom_unitSphereRowsHaveUnitNorm() {
        var rng = Random(seed: 3)
        let u = rng.unitSphere(count: 4, dimension: 6)
        for row in 0..<4 {
            let norm = (0..<6).map { u.scalars[row * 6 + $0] * u.scalars[row * 6 + $0] }.reduce(0, +)
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test func testRandom_choiceRejectsTooMany() {
        var rng = Random(seed: 3)
        #expect(throws: TensorError("choice", "cannot choose 5 distinct values from 3")) {
            try rng.choice(3, count: 5)
        }
    }
}
