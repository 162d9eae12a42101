/// Checks shared by the LAPACK wrappers: LAPACK is undefined on NaN input and reports failures
/// through an `info` code, which these turn into ``TensorError``s naming the operation.
enum LAPACK {
    /// Throws when `a` holds NaN or infinity.
    static func requireFinite(_ a: Matrix, op: String) throws {
        if let (row, col) = a.firstNonFinite() {
            throw TensorError(
                op, "matrix holds \(a[row, col]) at [\(row), \(col)] (expected finite values)")
        }
    }

    /// Throws when `a` is not square.
    static func requireSquare(_ a: Matrix, op: String) throws {
        guard a.isSquare else {
            throw TensorError(op, "expected a square matrix, got \(a.rows) x \(a.cols)")
        }
    }

    /// Throws unless `a` is square, finite and symmetric to a relative 1e-9: the symmetric
    /// routines read one triangle only, so an asymmetric input would be silently misread.
    static func requireSymmetric(_ a: Matrix, op: String) throws {
        try requireSquare(a, op: op)
        try requireFinite(a, op: op)
        let tolerance = 1e-9 * (a.scalars.map { abs($0) }.max() ?? 0)
        for i in 0..<a.rows {
            for j in (i + 1)..<a.cols where abs(a[i, j] - a[j, i]) > tolerance {
                throw TensorError(
                    op,
                    "matrix is not symmetric: [\(i), \(j)] = \(a[i, j]) but [\(j), \(i)] = \(a[j, i])")
            }
        }
    }

    /// Throws when a LAPACK routine reported an illegal argument (`info < 0`) or the failure
    /// `meaning` (`info > 0`).
    static func check(_ info: Int32, routine: String, op: String, meaning: String) throws {
        if info < 0 {
            throw TensorError(op, "LAPACK \(routine) rejected argument \(-info)")
        }
        if info > 0 {
            throw TensorError(op, "LAPACK \(routine) failed: \(meaning) (info = \(info))")
        }
    }
}
