import COpenBLAS

/// The eigenvalues of a symmetric matrix `a` and the coordinates `Vᵀ b` of the columns of `b`
/// in its eigenvector basis, without forming the eigenvectors of `a`.
///
/// The same as `let (values, v) = try symmetricEigen(a)` followed by `v.transposed().matmul(b)`,
/// but faster when `b` has few columns: `a` is reduced to tridiagonal form T = Qᵀ a Q (LAPACK
/// `dsytrd`), and Qᵀ is applied to `b` only (`dormtr`) instead of to T's eigenvectors W
/// (`dstedc`): `Vᵀ b = Wᵀ (Qᵀ b)` skips dsyevd's n x n back-transformation. Row `j` of the
/// projections belongs to `values[j]` (ascending); its sign follows the eigenvector's, which
/// is arbitrary.
///
/// ```swift
/// let (values, x) = try symmetricEigen(f.gram(), projecting: fty)   // x = Vᵀ (Fᵀ y)
/// ```
/// - Throws: ``TensorError`` when `a` is not square, not symmetric or not finite, `b` is not
///   finite or has a different row count, or LAPACK fails.
public func symmetricEigen(_ a: Matrix, projecting b: Matrix) throws
    -> (values: [Double], projections: Matrix)
{
    let op = "symmetricEigen"
    try LAPACK.requireSymmetric(a, op: op)
    try LAPACK.requireFinite(b, op: op)
    guard b.rows == a.rows else {
        throw TensorError(
            op,
            "cannot project \(b.rows) x \(b.cols) on the eigenvectors of a \(a.rows) x \(a.rows) "
                + "matrix (expected \(a.rows) rows)")
    }
    let n = a.rows
    let columns = b.cols
    if n == 0 { return ([], b) }
    // a is symmetric, so its row-major buffer is also its column-major one.
    var uplo = CChar(UInt8(ascii: "L"))
    var order = Int32(n)
    var lda = Int32(n)
    var reflectors = a.scalars
    var diagonal = [Double](repeating: 0, count: n)
    var offDiagonal = [Double](repeating: 0, count: max(n - 1, 1))
    var tau = [Double](repeating: 0, count: max(n - 1, 1))
    var info: Int32 = 0
    var lwork: Int32 = -1
    var optimal = 0.0
    dsytrd_(
        &uplo, &order, &reflectors, &lda, &diagonal, &offDiagonal, &tau, &optimal, &lwork, &info)
    try LAPACK.check(info, routine: "dsytrd", op: op, meaning: "workspace query")
    lwork = Int32(optimal)
    var work = [Double](repeating: 0, count: Int(lwork))
    dsytrd_(&uplo, &order, &reflectors, &lda, &diagonal, &offDiagonal, &tau, &work, &lwork, &info)
    try LAPACK.check(info, routine: "dsytrd", op: op, meaning: "the reduction failed")

    // Qᵀ b, on b in column-major order (the row-major buffer of bᵀ).
    var projected = b.transposed().scalars
    if columns > 0 {
        var side = CChar(UInt8(ascii: "L"))
        var trans = CChar(UInt8(ascii: "T"))
        var rows = Int32(n)
        var cols = Int32(columns)
        var ldc = Int32(n)
        lwork = -1
        dormtr_(&side, &uplo, &trans, &rows, &cols, reflectors, &lda, tau, &projected, &ldc,
                &optimal, &lwork, &info)
        try LAPACK.check(info, routine: "dormtr", op: op, meaning: "workspace query")
        lwork = Int32(optimal)
        work = [Double](repeating: 0, count: Int(lwork))
        dormtr_(&side, &uplo, &trans, &rows, &cols, reflectors, &lda, tau, &projected, &ldc,
                &work, &lwork, &info)
        try LAPACK.check(info, routine: "dormtr", op: op, meaning: "applying Qᵀ failed")
    }

    // Every eigenpair of T by divide and conquer: values ascending (in `diagonal`), vectors W
    // in the columns of a column-major buffer. (MRRR, dstemr, is O(n²) in theory but several
    // times slower than this on the clustered spectra of Gram matrices.)
    var compz = CChar(UInt8(ascii: "I"))
    var vectors = [Double](repeating: 0, count: n * n)
    var ldz = Int32(n)
    var liwork: Int32 = -1
    var optimalIWork: Int32 = 0
    lwork = -1
    dstedc_(&compz, &order, &diagonal, &offDiagonal, &vectors, &ldz, &optimal, &lwork,
            &optimalIWork, &liwork, &info)
    try LAPACK.check(info, routine: "dstedc", op: op, meaning: "workspace query")
    lwork = Int32(optimal)
    liwork = optimalIWork
    work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: Int(liwork))
    dstedc_(&compz, &order, &diagonal, &offDiagonal, &vectors, &ldz, &work, &lwork, &iwork,
            &liwork, &info)
    try LAPACK.check(
        info, routine: "dstedc", op: op, meaning: "the eigenvalues did not converge")

    // Wᵀ (Qᵀ b): column-major n x columns, that is the row-major buffer of its transpose.
    var result = [Double](repeating: 0, count: n * columns)
    if columns > 0 {
        cblas_dgemm(
            CblasColMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(columns), Int32(n),
            1, vectors, Int32(n), projected, Int32(n), 0, &result, Int32(n))
    }
    return (diagonal, Matrix(unchecked: columns, n, result).transposed())
}
