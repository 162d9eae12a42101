import COpenBLAS

/// The eigendecomposition of a symmetric matrix, through LAPACK `dsyevd`.
///
/// Returns the eigenvalues in ascending order and a matrix whose column `j` is the unit
/// eigenvector of `values[j]` (the convention of `numpy.linalg.eigh`).
///
/// ```swift
/// let (values, vectors) = try symmetricEigen(try Matrix([[2, 1], [1, 2]]))   // [1, 3]
/// ```
/// - Throws: ``TensorError`` when `a` is not square, not symmetric (to a relative 1e-9),
///   holds NaN or infinity, or LAPACK does not converge.
public func symmetricEigen(_ a: Matrix) throws -> (values: [Double], vectors: Matrix) {
    try symmetricEigendecomposition(a, op: "symmetricEigen")
}

/// ``symmetricEigen(_:)``, with errors naming `op`.
func symmetricEigendecomposition(_ a: Matrix, op: String) throws
    -> (values: [Double], vectors: Matrix)
{
    try LAPACK.requireSymmetric(a, op: op)
    let n = a.rows
    if n == 0 { return ([], a) }
    var jobz = CChar(UInt8(ascii: "V"))
    var uplo = CChar(UInt8(ascii: "L"))
    var order = Int32(n)
    var lda = Int32(n)
    var buffer = a.scalars
    var values = [Double](repeating: 0, count: n)
    var info: Int32 = 0
    var lwork: Int32 = -1
    var liwork: Int32 = -1
    var optimalWork = 0.0
    var optimalIWork: Int32 = 0
    dsyevd_(
        &jobz, &uplo, &order, &buffer, &lda, &values, &optimalWork, &lwork, &optimalIWork,
        &liwork, &info)
    try LAPACK.check(info, routine: "dsyevd", op: op, meaning: "workspace query")
    lwork = Int32(optimalWork)
    liwork = optimalIWork
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: Int(liwork))
    dsyevd_(&jobz, &uplo, &order, &buffer, &lda, &values, &work, &lwork, &iwork, &liwork, &info)
    try LAPACK.check(
        info, routine: "dsyevd", op: op, meaning: "the eigenvalues did not converge")
    // The eigenvectors are the columns of a column-major buffer, that is its rows when read
    // row-major: transpose to put them in columns.
    return (values, Matrix(unchecked: n, n, buffer).transposed())
}
