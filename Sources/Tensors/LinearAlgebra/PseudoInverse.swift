/// The Moore–Penrose pseudo-inverse, through the SVD, as `numpy.linalg.pinv` computes it.
///
/// Singular values at or below `rcond` times the largest one count as zero (numpy's default
/// `rcond` is 1e-15).
///
/// ```swift
/// let p = try pseudoInverse(try Matrix([[1, 2], [2, 4]]))   // [[0.04, 0.08], [0.08, 0.16]]
/// ```
/// - Throws: ``TensorError`` when `rcond` is negative or not finite, `a` holds NaN or
///   infinity, or the SVD does not converge.
public func pseudoInverse(_ a: Matrix, rcond: Double = 1e-15) throws -> Matrix {
    guard rcond >= 0, rcond.isFinite else {
        throw TensorError("pseudoInverse", "rcond must be finite and non-negative, got \(rcond)")
    }
    let (u, s, vt) = try singularValueDecomposition(a, op: "pseudoInverse")
    let cutoff = rcond * (s.max() ?? 0)
    // pinv(a) = V · diag(1/s) · Uᵀ = (diag(1/s) · vt)ᵀ · uᵀ, dropping the small singular values.
    var scaled = vt
    for i in 0..<s.count {
        let factor = s[i] > cutoff ? 1 / s[i] : 0
        for j in 0..<scaled.cols { scaled[i, j] *= factor }
    }
    return try scaled.transposed().matmul(u.transposed())
}
