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
