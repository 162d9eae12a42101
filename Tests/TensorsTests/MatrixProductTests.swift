import Testing

@testable import Tensors

/// The product of row-major `m×k` and `k×n` matrices by the textbook triple loop.
private func naiveProduct(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>, m: Int, k: Int, n: Int)
    -> [Float]
{
    let (a, b) = (Array(a), Array(b))
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] }
        }
    }
    return c
}

@Suite struct MatrixProductTests {
    @Test func testMatmul_largeProductsSplitOverCores() throws {
        // Above the split threshold, blocks of rows (tall) or columns (wide) go to different
        // cores, in the forward product and in both gradients (transposed operands).
        var rng = Random(seed: 4)
        for (m, k, n) in [(300, 70, 90), (90, 70, 300), (90, 300, 70)] {
            let a = Parameter(rng.normal([m, k]))
            let b = Parameter(rng.normal([k, n]))
            let c = try matmul(a.tensor, b.tensor)
            #expect(m * k * n >= MatrixProduct.splitThreshold)
            let product = naiveProduct(a.value.scalars[...], b.value.scalars[...], m: m, k: k, n: n)
            #expect(LinearOpsCheck.maxError(c.scalars, product) < 1e-3)
            let g = rng.normal([m, n])
            try (c * g).summed(toShape: []).backward()
            let bT = b.value.transposed().scalars
            let aT = a.value.transposed().scalars
            let gradA = naiveProduct(g.scalars[...], bT[...], m: m, k: n, n: k)
            let gradB = naiveProduct(aT[...], g.scalars[...], m: k, k: m, n: n)
            #expect(LinearOpsCheck.maxError(try #require(a.grad).scalars, gradA) < 1e-3)
            #expect(LinearOpsCheck.maxError(try #require(b.grad).scalars, gradB) < 1e-3)
            #expect(try matmul(a.value, b.value).scalars == c.scalars)
        }
    }

    @Test func testMatmul_matricesByHand() throws {
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        let c = try matmul(a, b)
        #expect(c.shape == [2, 2])
        #expect(c.scalars == [58, 64, 139, 154])
        #expect(try a.matmul(b).scalars == c.scalars)
    }

    @Test func testMatmul_vectorsFollowNumPy() throws {
        let v = Tensor([1, 0, -1])
        let m = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let dot = try matmul(v, Tensor([2, 3, 4]))
        #expect(dot.shape == [])
        #expect(dot.scalars == [-2])
        let column = try matmul(m, v)
        #expect(column.shape == [2])
        #expect(column.scalars == [-2, -2])
        let row = try matmul(Tensor([1, -1]), m)
        #expect(row.shape == [3])
        #expect(row.scalars == [-3, -3, -3])
        // A vector against a batch of matrices: the row axis is dropped from each product.
        let batch = try Tensor(shape: [2, 3, 1], scalars: [1, 2, 3, 4, 5, 6])
        let batched = try matmul(v, batch)
        #expect(batched.shape == [2, 1])
        #expect(batched.scalars == [-2, -2])
    }

    @Test func testMatmul_broadcastBatchMatchesLoops() throws {
        var rng = Random(seed: 1)
        let a = rng.normal([2, 1, 3, 4])
        let b = rng.normal([5, 4, 2])
        let c = try matmul(a, b)
        #expect(c.shape == [2, 5, 3, 2])
        for i in 0..<2 {
            for j in 0..<5 {
                let expected = naiveProduct(
                    a.scalars[(i * 12)..<(i * 12 + 12)], b.scalars[(j * 8)..<(j * 8 + 8)],
                    m: 3, k: 4, n: 2)
                let start = (i * 5 + j) * 6
                let got = Array(c.scalars[start..<(start + 6)])
                #expect(LinearOpsCheck.maxError(got, expected) < 1e-5)
            }
        }
    }

    @Test func testMatmul_batchTimesSharedMatrix() throws {
        var rng = Random(seed: 2)
        let a = rng.normal([4, 3, 5])
        let b = rng.normal([5, 2])
        let c = try matmul(a, b)
        #expect(c.shape == [4, 3, 2])
        let expected = naiveProduct(a.scalars[...], b.scalars[...], m: 12, k: 5, n: 2)
        #expect(LinearOpsCheck.maxError(c.scalars, expected) < 1e-5)
    }

    @Test func testMatmul_emptyInnerDimensionGivesZeros() throws {
        let c = try matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3]))
        #expect(c.shape == [2, 3])
        #expect(c.scalars == [Float](repeating: 0, count: 6))
        #expect(try matmul(Tensor.zeros([0, 4]), Tensor.ones([4, 3])).shape == [0, 3])
    }

    @Test func testMatmul_errorsNameShapes() throws {
        #expect(
            throws: TensorError(
                "matmul",
                "shapes [2, 3] and [4, 5] do not align (expected a.shape[-1] == b.shape[-2])")
        ) {
            try matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
        }
        #expect(
            throws: TensorError(
                "matmul", "shapes [2, 3] and [4] do not align (expected a.shape[-1] == b.shape[-1])"
            )
        ) {
            try matmul(Tensor.zeros([2, 3]), Tensor.zeros([4]))
        }
        #expect(
            throws: TensorError(
                "matmul",
                "batch axes of shapes [2, 3, 4] and [5, 4, 1] cannot be broadcast ([2] vs [5])")
        ) {
            try matmul(Tensor.zeros([2, 3, 4]), Tensor.zeros([5, 4, 1]))
        }
        #expect(
            throws: TensorError("matmul", "expected tensors of rank ≥ 1, got shapes [] and [3]")
        ) {
            try matmul(Tensor(2), Tensor.zeros([3]))
        }
    }

    @Test func testMatmul_gradientsOfVectorProductHaveInputShapes() throws {
        let a = Parameter(Tensor([1, 2, 3]))
        let m = Parameter(try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        try matmul(a.tensor, m.tensor).summed(toShape: []).backward()
        // d/da_i = Σ_j m_ij; d/dm_ij = a_i.
        #expect(a.grad?.shape == [3])
        #expect(a.grad?.scalars == [3, 7, 11])
        #expect(m.grad?.scalars == [1, 1, 2, 2, 3, 3])
    }
}
