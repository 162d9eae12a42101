import COpenBLAS
import Foundation

/// The log-determinant of a symmetric positive definite matrix, through the Cholesky
/// factorisation (LAPACK `dpotrf`): `2 Σ log Lᵢᵢ`.
///
/// ```swift
/// let l = try logDeterminant(try Matrix([[2, 0], [0, 3]]))   // log 6
/// ```
/// - Throws: ``TensorError`` when `a` is not square, holds NaN or infinity, or is not
///   positive definite.
public func logDeterminant(_ a: Matrix) throws -> Double {
    let op = "logDeterminant"
    try LAPACK.requireSquare(a, op: op)
    try LAPACK.requireFinite(a, op: op)
    let n = a.rows
    if n == 0 { return 0 }
    // Column-major "L" is the row-major upper triangle; either holds the symmetric matrix.
    var uplo = CChar(UInt8(ascii: "L"))
    var order = Int32(n)
    var lda = Int32(n)
    var buffer = a.scalars
    var info: Int32 = 0
    dpotrf_(&uplo, &order, &buffer, &lda, &info)
    try LAPACK.check(
        info, routine: "dpotrf", op: op,
        meaning: "the matrix is not positive definite")
    var sum = 0.0
    for i in 0..<n { sum += log(buffer[i * n + i]) }
    return 2 * sum
}

/// The sign and log of the absolute determinant of a square matrix, through the LU
/// factorisation (LAPACK `dgetrf`), as `numpy.linalg.slogdet` returns them.
///
/// A singular matrix gives sign 0 and log -infinity, as in numpy.
///
/// ```swift
/// let (sign, logAbs) = try signedLogDeterminant(try Matrix([[0, 1], [1, 0]]))   // -1, 0
/// ```
/// - Throws: ``TensorError`` when `a` is not square or holds NaN or infinity.
public func signedLogDeterminant(_ a: Matrix) throws -> (sign: Double, logAbs: Double) {
    let op = "signedLogDeterminant"
    try LAPACK.requireSquare(a, op: op)
    try LAPACK.requireFinite(a, op: op)
    let n = a.rows
    if n == 0 { return (1, 0) }
    // det(aᵀ) = det(a), so LAPACK reading the buffer column-major does not matter.
    var rows = Int32(n)
    var cols = Int32(n)
    var lda = Int32(n)
    var buffer = a.scalars
    var pivots = [Int32](repeating: 0, count: n)
    var info: Int32 = 0
    dgetrf_(&rows, &cols, &buffer, &lda, &pivots, &info)
    if info > 0 { return (0, -.infinity) }  // an exactly zero pivot: the matrix is singular
    try LAPACK.check(info, routine: "dgetrf", op: op, meaning: "the matrix is singular")
    var sign = 1.0
    var logAbs = 0.0
    for i in 0..<n {
        let pivot = buffer[i * n + i]
        if pivot < 0 { sign = -sign }
        // LAPACK's pivot indices are 1-based; each actual swap flips the sign.
        if pivots[i] != Int32(i + 1) { sign = -sign }
        logAbs += log(abs(pivot))
    }
    return (sign, logAbs)
}
