import COpenBLAS

/// The matrix product of two tensors, with NumPy's rules (`numpy.matmul`).
///
/// - rank 1 × rank 1: the dot product, a scalar;
/// - rank 1 × rank ≥ 2: the vector is a row (`1×k`), and that axis is dropped from the result;
/// - rank ≥ 2 × rank 1: the vector is a column (`k×1`), and that axis is dropped;
/// - rank ≥ 2 × rank ≥ 2: a product per matrix in the last two axes; the leading (batch) axes
///   broadcast.
///
/// Every product goes through `cblas_sgemm`; gradients too, with transposition flags instead of
/// transposed copies.
///
/// ```swift
/// let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// let b = try Tensor(shape: [3], scalars: [1, 0, -1])
/// try matmul(a, b)           // [-2, -2]
/// ```
/// - Throws: ``TensorError`` when either input is a scalar, the inner dimensions differ, or the
///   batch axes cannot be broadcast.
public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    let product = try MatrixProduct(a.shape, b.shape)
    let out = product.forward(a.scalars, b.scalars)
    let (aValues, bValues) = (a.scalars, b.scalars)
    let (needA, needB) = (a.isTracked, b.isTracked)
    return Tensor.record(out, inputs: [a, b]) { grad in
        product.backward(grad.scalars, aValues, bValues, needA: needA, needB: needB)
    }
}

extension Tensor {
    /// The matrix product `self · other`; see ``matmul(_:_:)``.
    public func matmul(_ other: Tensor) throws -> Tensor {
        try Tensors.matmul(self, other)
    }
}

/// How two shapes multiply: the matrix sizes, the broadcast batch, and which input matrix each
/// output matrix reads.
struct MatrixProduct {
    let aShape: [Int]
    let bShape: [Int]
    let outShape: [Int]
    /// Rows of each output matrix, the shared inner size, and columns of each output matrix.
    let m: Int, k: Int, n: Int
    /// For each output matrix, the index of the matrix of `a` and of `b` it multiplies.
    let aIndex: [Int], bIndex: [Int]
    /// `b` is a single matrix shared by every product, so the batch folds into the rows of one
    /// GEMM (the common case of a linear layer on a batch).
    let foldsBatch: Bool

    init(_ aShape: [Int], _ bShape: [Int]) throws {
        guard !aShape.isEmpty, !bShape.isEmpty else {
            throw TensorError(
                "matmul", "expected tensors of rank ≥ 1, got shapes \(aShape) and \(bShape)")
        }
        // Vectors become a row (for a) or a column (for b); that axis leaves the result again.
        let a2 = aShape.count == 1 ? [1] + aShape : aShape
        let b2 = bShape.count == 1 ? bShape + [1] : bShape
        let (m, k) = (a2[a2.count - 2], a2[a2.count - 1])
        let (kb, n) = (b2[b2.count - 2], b2[b2.count - 1])
        guard k == kb else {
            let bAxis = bShape.count == 1 ? "b.shape[-1]" : "b.shape[-2]"
            throw TensorError(
                "matmul",
                "shapes \(aShape) and \(bShape) do not align (expected a.shape[-1] == \(bAxis))")
        }
        let aBatch = Array(a2.dropLast(2))
        let bBatch = Array(b2.dropLast(2))
        let batch: [Int]
        do {
            batch = try Broadcasting.shape(aBatch, bBatch, op: "matmul")
        } catch {
            let shapes = "batch axes of shapes \(aShape) and \(bShape)"
            throw TensorError("matmul", "\(shapes) cannot be broadcast (\(aBatch) vs \(bBatch))")
        }
        let limit = Int(Int32.max)
        guard m <= limit, k <= limit, n <= limit, batch.product * m <= limit else {
            throw TensorError(
                "matmul", "shapes \(aShape) and \(bShape) exceed BLAS's 32-bit dimension limit")
        }
        var outShape = batch
        if aShape.count > 1 { outShape.append(m) }
        if bShape.count > 1 { outShape.append(n) }
        self.aShape = aShape
        self.bShape = bShape
        self.outShape = outShape
        (self.m, self.k, self.n) = (m, k, n)
        self.aIndex = Broadcasting.sourceIndices(of: aBatch, in: batch)
        self.bIndex = Broadcasting.sourceIndices(of: bBatch, in: batch)
        self.foldsBatch = bBatch.product == 1
    }

    /// The product's elements.
    func forward(_ a: [Float], _ b: [Float]) -> Tensor {
        // Every element is written by a GEMM (or zeroed when k == 0), so skip the initial fill.
        let out = [Float](unsafeUninitializedCapacity: outShape.product) { pc, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    if foldsBatch {
                        Self.gemm(
                            m: aIndex.count * m, n: n, k: k, pa, lda: k, pb, ldb: n,
                            pc, ldc: n)
                        return
                    }
                    for (i, (ia, ib)) in zip(aIndex, bIndex).enumerated() {
                        Self.gemm(
                            m: m, n: n, k: k, pa, offset: ia * m * k, lda: k,
                            pb, offset: ib * k * n, ldb: n,
                            pc, offset: i * m * n, ldc: n)
                    }
                }
            }
            initialized = outShape.product
        }
        return Tensor(unchecked: outShape, out)
    }

    /// The gradients of `a` and `b` for the output gradient `grad`: `grad · bᵀ` and `aᵀ · grad`,
    /// summed over broadcast batch axes in batch order.
    func backward(
        _ grad: [Float], _ a: [Float], _ b: [Float], needA: Bool, needB: Bool
    ) -> [Tensor?] {
        var gradA: Tensor?
        var gradB: Tensor?
        grad.withUnsafeBufferPointer { pg in
            if needA {
                var da = [Float](repeating: 0, count: a.count)
                b.withUnsafeBufferPointer { pb in
                    da.withUnsafeMutableBufferPointer { pda in
                        if foldsBatch {
                            Self.gemm(
                                transB: true, m: aIndex.count * m, n: k, k: n, pg, lda: n,
                                pb, ldb: n, pda, ldc: k)
                            return
                        }
                        for (i, (ia, ib)) in zip(aIndex, bIndex).enumerated() {
                            Self.gemm(
                                transB: true, m: m, n: k, k: n, pg, offset: i * m * n, lda: n,
                                pb, offset: ib * k * n, ldb: n,
                                pda, offset: ia * m * k, ldc: k, accumulate: true)
                        }
                    }
                }
                gradA = Tensor(unchecked: aShape, da)
            }
            if needB {
                var db = [Float](repeating: 0, count: b.count)
                a.withUnsafeBufferPointer { pa in
                    db.withUnsafeMutableBufferPointer { pdb in
                        if foldsBatch {
                            Self.gemm(
                                transA: true, m: k, n: n, k: aIndex.count * m, pa, lda: k,
                                pg, ldb: n, pdb, ldc: n)
                            return
                        }
                        for (i, (ia, ib)) in zip(aIndex, bIndex).enumerated() {
                            Self.gemm(
                                transA: true, m: k, n: n, k: m, pa, offset: ia * m * k, lda: k,
                                pg, offset: i * m * n, ldb: n,
                                pdb, offset: ib * k * n, ldc: n, accumulate: true)
                        }
                    }
                }
                gradB = Tensor(unchecked: bShape, db)
            }
        }
        return [gradA, gradB]
    }

    /// Products of at least this many multiply-adds are split over the cores.
    static let splitThreshold = 1 << 20

    /// `C = op(A) · op(B)` (or `C += …` when accumulating) on row-major matrices through
    /// `cblas_sgemm`: `C` is `m×n`, the inner size is `k`, and `op` transposes when asked.
    /// Offsets are in elements from each buffer's start; empty products write nothing (or zeros).
    ///
    /// Large products are cut into blocks of rows of `C` (or of columns, when `C` is wider than
    /// high), one `cblas_sgemm` each, spread over the cores. Block sizes depend on the shape only,
    /// and each element of `C` is computed within one block, so results do not depend on the
    /// number of cores.
    static func gemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        _ a: UnsafeBufferPointer<Float>, offset aOffset: Int = 0, lda: Int,
        _ b: UnsafeBufferPointer<Float>, offset bOffset: Int = 0, ldb: Int,
        _ c: UnsafeMutableBufferPointer<Float>, offset cOffset: Int = 0, ldc: Int,
        accumulate: Bool = false
    ) {
        guard Double(m) * Double(n) * Double(k) >= Double(splitThreshold) else {
            serialGEMM(
                transA: transA, transB: transB, m: m, n: n, k: k,
                a.baseAddress.map { $0 + aOffset }, lda: lda, b.baseAddress.map { $0 + bOffset },
                ldb: ldb, c.baseAddress.map { $0 + cOffset }, ldc: ldc, accumulate: accumulate)
            return
        }
        let byRows = m >= n
        let length = byRows ? m : n
        // At most four blocks, of at least 128 rows (or columns): enough to share among a few
        // cores, few and large enough that OpenBLAS's packing of the other operand, repeated
        // for every block, stays cheap (smaller or more blocks measured slower on 256- to
        // 1024-wide products).
        let block = max(128, (length + 3) / 4)
        let (sa, sb, sc) = (SharedBuffer(a), SharedBuffer(b), SharedBuffer(c))
        Parallel.forEach((length + block - 1) / block) { blocks in
            for index in blocks {
                let start = index * block
                let size = min(block, length - start)
                if byRows {
                    serialGEMM(
                        transA: transA, transB: transB, m: size, n: n, k: k,
                        sa.address(aOffset + (transA ? start : start * lda)), lda: lda,
                        sb.address(bOffset), ldb: ldb, sc.address(cOffset + start * ldc), ldc: ldc,
                        accumulate: accumulate)
                } else {
                    serialGEMM(
                        transA: transA, transB: transB, m: m, n: size, k: k,
                        sa.address(aOffset), lda: lda,
                        sb.address(bOffset + (transB ? start * ldb : start)), ldb: ldb,
                        sc.address(cOffset + start), ldc: ldc, accumulate: accumulate)
                }
            }
        }
    }

    /// The same product as one `cblas_sgemm` on the calling thread, for kernels that are already
    /// spread over the cores. Nothing happens when `C` is empty; `C` is zeroed (or left alone
    /// when accumulating) when `k` is 0.
    static func serialGEMM(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>?, lda: Int, _ b: UnsafePointer<Float>?, ldb: Int,
        _ c: UnsafeMutablePointer<Float>?, ldc: Int, accumulate: Bool = false
    ) {
        guard m > 0, n > 0, let c else { return }
        guard k > 0, let a, let b else {
            if !accumulate {
                for row in 0..<m { (c + row * ldc).update(repeating: 0, count: n) }
            }
            return
        }
        ProcessSettings.applied
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), accumulate ? 1 : 0, c,
            Int32(ldc))
    }
}
