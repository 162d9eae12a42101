import COpenBLAS

/// The `count` largest eigenvalues of a symmetric matrix, in decreasing order, and their unit
/// eigenvectors in the columns of an n x count matrix, through LAPACK `dsyevr` (only the
/// requested eigenpairs are computed, which makes a PCA much cheaper than a full
/// ``symmetricEigen(_:)``).
///
/// ```swift
/// let (variances, axes) = try leadingEigenvectors(f.centered().gram(), count: 64)
/// ```
/// - Throws: ``TensorError`` when `a` is not square, not symmetric or not finite, `count` is
///   not in 0...n, or LAPACK fails.
public func leadingEigenvectors(_ a: Matrix, count: Int) throws
    -> (values: [Double], vectors: Matrix)
{
    let op = "leadingEigenvectors"
    try LAPACK.requireSymmetric(a, op: op)
    let n = a.rows
    guard (0...n).contains(count) else {
        throw TensorError(op, "count must be in 0...\(n) for a \(n) x \(n) matrix, got \(count)")
    }
    if count == 0 { return ([], Matrix(unchecked: n, 0, [])) }
    // a is symmetric, so its row-major buffer is also its column-major one.
    var jobz = CChar(UInt8(ascii: "V"))
    var range = CChar(UInt8(ascii: "I"))
    var uplo = CChar(UInt8(ascii: "L"))
    var order = Int32(n)
    var lda = Int32(n)
    var buffer = a.scalars
    var bound = 0.0
    var first = Int32(n - count + 1)  // 1-based indices of the ascending eigenvalues wanted
    var last = Int32(n)
    var tolerance = 0.0  // LAPACK's default
    var found: Int32 = 0
    var values = [Double](repeating: 0, count: n)
    var vectors = [Double](repeating: 0, count: n * count)
    var ldz = Int32(n)
    var support = [Int32](repeating: 0, count: 2 * count)
    var info: Int32 = 0
    var lwork: Int32 = -1
    var liwork: Int32 = -1
    var optimalWork = 0.0
    var optimalIWork: Int32 = 0
    dsyevr_(
        &jobz, &range, &uplo, &order, &buffer, &lda, &bound, &bound, &first, &last, &tolerance,
        &found, &values, &vectors, &ldz, &support, &optimalWork, &lwork, &optimalIWork, &liwork,
        &info)
    try LAPACK.check(info, routine: "dsyevr", op: op, meaning: "workspace query")
    lwork = Int32(optimalWork)
    liwork = optimalIWork
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: Int(liwork))
    dsyevr_(
        &jobz, &range, &uplo, &order, &buffer, &lda, &bound, &bound, &first, &last, &tolerance,
        &found, &values, &vectors, &ldz, &support, &work, &lwork, &iwork, &liwork, &info)
    try LAPACK.check(info, routine: "dsyevr", op: op, meaning: "the eigenvectors did not converge")
    guard found == Int32(count) else {
        throw TensorError(op, "LAPACK dsyevr found \(found) of \(count) eigenvalues")
    }
    // The eigenvectors come ascending, in the columns of a column-major n x count buffer,
    // that is the rows of a row-major count x n one: reverse the rows, then transpose.
    var descending = [Double]()
    descending.reserveCapacity(n * count)
    for j in (0..<count).reversed() {
        descending.append(contentsOf: vectors[(j * n)..<((j + 1) * n)])
    }
    return (values.prefix(count).reversed(), Matrix(unchecked: count, n, descending).transposed())
}
