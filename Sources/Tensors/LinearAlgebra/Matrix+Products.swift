import COpenBLAS

extension Matrix {
    /// The matrix product `self · other`, through BLAS `dgemm`.
    /// - Throws: ``TensorError`` when `self.cols != other.rows`.
    public func matmul(_ other: Matrix) throws -> Matrix {
        guard cols == other.rows else {
            throw TensorError(
                "matmul",
                "shapes [\(rows), \(cols)] and [\(other.rows), \(other.cols)] do not align "
                    + "(expected a.cols == b.rows)")
        }
        var out = [Double](repeating: 0, count: rows * other.cols)
        // BLAS rejects a leading dimension of 0 even when nothing is multiplied.
        if rows > 0, other.cols > 0, cols > 0 {
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans,
                Int32(rows), Int32(other.cols), Int32(cols),
                1, scalars, Int32(cols), other.scalars, Int32(other.cols),
                0, &out, Int32(other.cols))
        }
        return Matrix(unchecked: rows, other.cols, out)
    }

    /// The Gram matrix `selfᵀ · self` (`cols` x `cols`), exactly symmetric, through BLAS `dsyrk`.
    public func gram() -> Matrix {
        var out = [Double](repeating: 0, count: cols * cols)
        guard rows > 0, cols > 0 else { return Matrix(unchecked: cols, cols, out) }
        cblas_dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, Int32(cols), Int32(rows),
            1, scalars, Int32(cols), 0, &out, Int32(cols))
        // dsyrk fills one triangle; mirror it so every reader sees the full matrix.
        for i in 0..<cols {
            for j in (i + 1)..<cols { out[j * cols + i] = out[i * cols + j] }
        }
        return Matrix(unchecked: cols, cols, out)
    }
}
