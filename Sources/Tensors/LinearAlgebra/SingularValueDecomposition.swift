import COpenBLAS

/// The thin singular value decomposition `a = u · diag(s) · vt`, through LAPACK `dgesdd`.
///
/// With `k = min(rows, cols)`: `u` is rows x k with orthonormal columns, `s` holds the k
/// singular values in decreasing order, and `vt` is k x cols with orthonormal rows.
///
/// ```swift
/// let (u, s, vt) = try svd(try Matrix([[3, 0], [0, 4], [0, 0]]))   // s == [4, 3]
/// ```
/// - Throws: ``TensorError`` when `a` holds NaN or infinity, or LAPACK does not converge.
public func svd(_ a: Matrix) throws -> (u: Matrix, s: [Double], vt: Matrix) {
    try singularValueDecomposition(a, op: "svd")
}

/// ``svd(_:)``, with errors naming `op`.
func singularValueDecomposition(_ a: Matrix, op: String) throws
    -> (u: Matrix, s: [Double], vt: Matrix)
{
    try LAPACK.requireFinite(a, op: op)
    let m = a.rows
    let n = a.cols
    let k = min(m, n)
    if k == 0 {
        return (Matrix(unchecked: m, 0, []), [], Matrix(unchecked: 0, n, []))
    }
    // LAPACK is column-major, so it reads the row-major buffer of a as aᵀ (n x m). It factors
    // aᵀ = U' S V'ᵀ, hence a = V' S U'ᵀ. Its U' (column-major n x k) read row-major is U'ᵀ, the
    // vt of a; its V'ᵀ (column-major k x m) read row-major is V', the u of a. No copies needed.
    var jobz = CChar(UInt8(ascii: "S"))
    var rowsT = Int32(n)
    var colsT = Int32(m)
    var lda = Int32(n)
    var ldu = Int32(n)
    var ldvt = Int32(k)
    var buffer = a.scalars
    var s = [Double](repeating: 0, count: k)
    var uT = [Double](repeating: 0, count: n * k)
    var vtT = [Double](repeating: 0, count: k * m)
    var iwork = [Int32](repeating: 0, count: 8 * k)
    var info: Int32 = 0
    var lwork: Int32 = -1
    var optimal = 0.0
    dgesdd_(
        &jobz, &rowsT, &colsT, &buffer, &lda, &s, &uT, &ldu, &vtT, &ldvt, &optimal, &lwork,
        &iwork, &info)
    try LAPACK.check(info, routine: "dgesdd", op: op, meaning: "workspace query")
    lwork = Int32(optimal)
    var work = [Double](repeating: 0, count: Int(lwork))
    dgesdd_(
        &jobz, &rowsT, &colsT, &buffer, &lda, &s, &uT, &ldu, &vtT, &ldvt, &work, &lwork,
        &iwork, &info)
    try LAPACK.check(info, routine: "dgesdd", op: op, meaning: "the SVD did not converge")
    return (Matrix(unchecked: m, k, vtT), s, Matrix(unchecked: k, n, uT))
}
