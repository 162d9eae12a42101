import Foundation
import Testing
@testable import Tensors

/// The largest absolute difference between two equally sized matrices.
private func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
}

/// A fixed, non-symmetric test matrix with entries from a smooth formula.
private func sample(rows: Int, cols: Int) throws -> Matrix {
    var values = [Double]()
    for i in 0..<rows {
        for j in 0..<cols { values.append(sin(Double(3 * i + 7 * j) + 0.5) + 0.1 * Double(i - j)) }
    }
    return try Matrix(rows: rows, cols: cols, scalars: values)
}

@Suite struct LinearAlgebraTests {
    @Test func testMatrix_constructionAndBasics() throws {
        let a = try Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.rows == 2 && a.cols == 3 && a[1, 0] == 4)
        #expect(a.transposed() == (try Matrix([[1, 4], [2, 5], [3, 6]])))
        #expect(a.columnMeans() == [2.5, 3.5, 4.5])
        #expect(a.centered() == (try Matrix([[-1.5, -1.5, -1.5], [1.5, 1.5, 1.5]])))
        let t = try Tensor(shape: [2, 2], scalars: [1.5, -2, 0.25, 8])
        let m = try Matrix(t)
        #expect(m.scalars == [1.5, -2, 0.25, 8])
        #expect(m.tensor.shape == [2, 2] && m.tensor.scalars == t.scalars)
        #expect(try a.selectingRows([1, 1]) == (try Matrix([[4, 5, 6], [4, 5, 6]])))
        #expect(try Matrix.identity(2) == (try Matrix([[1, 0], [0, 1]])))
    }

    @Test func testMatrix_productGramAndCovariance() throws {
        let a = try Matrix([[1, 2], [3, 4], [5, 6]])
        let b = try Matrix([[1, 0, 2], [0, 1, 3]])
        #expect(try a.matmul(b) == (try Matrix([[1, 2, 8], [3, 4, 18], [5, 6, 28]])))
        #expect(a.gram() == (try Matrix([[35, 44], [44, 56]])))
        // numpy.cov(a, rowvar=False): both columns have variance 4 and covariance 4.
        #expect(try a.covariance() == (try Matrix([[4, 4], [4, 4]])))
    }

    @Test func testSVD_reconstructsTallAndWide() throws {
        for (rows, cols) in [(7, 4), (4, 7), (5, 5)] {
            let a = try sample(rows: rows, cols: cols)
            let (u, s, vt) = try svd(a)
            let k = min(rows, cols)
            #expect(u.rows == rows && u.cols == k && s.count == k && vt.rows == k && vt.cols == cols)
            #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 })
            var us = u
            for i in 0..<rows {
                for j in 0..<k { us[i, j] *= s[j] }
            }
            #expect(maxDifference(try us.matmul(vt), a) < 1e-12)
            #expect(maxDifference(u.gram(), try Matrix.identity(k)) < 1e-12)
            #expect(maxDifference(vt.transposed().gram(), try Matrix.identity(k)) < 1e-12)
        }
    }

    @Test func testSVD_knownSingularValues() throws {
        let (_, s, _) = try svd(try Matrix([[3, 0], [0, -4], [0, 0]]))
        #expect(abs(s[0] - 4) < 1e-14 && abs(s[1] - 3) < 1e-14)
    }

    @Test func testSymmetricEigen_definitionAndOrder() throws {
        let b = try sample(rows: 6, cols: 5)
        let a = b.gram()  // symmetric 5 x 5
        let (values, vectors) = try symmetricEigen(a)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        let av = try a.matmul(vectors)  // column j is A vⱼ
        for i in 0..<5 {
            for j in 0..<5 { #expect(abs(av[i, j] - values[j] * vectors[i, j]) < 1e-11) }
        }
        #expect(maxDifference(vectors.gram(), try Matrix.identity(5)) < 1e-12)
        let (known, _) = try symmetricEigen(try Matrix([[2, 1], [1, 2]]))
        #expect(abs(known[0] - 1) < 1e-14 && abs(known[1] - 3) < 1e-14)
    }

    @Test func testSymmetricEigenProjection_matchesFullDecomposition() throws {
        let a = try sample(rows: 9, cols: 6).gram()
        let b = try sample(rows: 6, cols: 3)
        let (values, vectors) = try symmetricEigen(a)
        let expected = try vectors.transposed().matmul(b)
        let (projectedValues, projections) = try symmetricEigen(a, projecting: b)
        #expect(projections.rows == 6 && projections.cols == 3)
        for j in 0..<6 {
            #expect(abs(projectedValues[j] - values[j]) < 1e-11)
            // Each eigenvector's sign is arbitrary, so rows agree up to sign.
            for c in 0..<3 { #expect(abs(abs(projections[j, c]) - abs(expected[j, c])) < 1e-11) }
        }
        // An orthonormal change of basis keeps the inner products of b's columns.
        #expect(maxDifference(projections.gram(), b.gram()) < 1e-11)
        #expect(throws: TensorError(
            "symmetricEigen",
            "cannot project 5 x 3 on the eigenvectors of a 6 x 6 matrix (expected 6 rows)"
        )) { try symmetricEigen(a, projecting: try sample(rows: 5, cols: 3)) }
    }

    @Test func testLeadingEigenvectors_matchFullDecomposition() throws {
        let a = try sample(rows: 9, cols: 6).gram()
        let (values, vectors) = try symmetricEigen(a)
        let (top, axes) = try leadingEigenvectors(a, count: 2)
        #expect(axes.rows == 6 && axes.cols == 2)
        for (k, j) in [(0, 5), (1, 4)] {  // decreasing order: the last columns of the full one
            #expect(abs(top[k] - values[j]) < 1e-11)
            // Same direction up to sign: |⟨u, v⟩| = 1 for unit vectors.
            let dot = (0..<6).reduce(0.0) { $0 + axes[$1, k] * vectors[$1, j] }
            #expect(abs(abs(dot) - 1) < 1e-11)
        }
        #expect(throws: TensorError(
            "leadingEigenvectors", "count must be in 0...6 for a 6 x 6 matrix, got 7"
        )) { try leadingEigenvectors(a, count: 7) }
    }

    @Test func testPseudoInverse_penroseConditions() throws {
        // Rank 2 of 4 x 3: the last column is the sum of the others.
        var a = try sample(rows: 4, cols: 3)
        for i in 0..<4 { a[i, 2] = a[i, 0] + a[i, 1] }
        let p = try pseudoInverse(a)
        #expect(p.rows == 3 && p.cols == 4)
        #expect(maxDifference(try a.matmul(p).matmul(a), a) < 1e-12)
        #expect(maxDifference(try p.matmul(a).matmul(p), p) < 1e-12)
        let ap = try a.matmul(p)
        let pa = try p.matmul(a)
        #expect(maxDifference(ap, ap.transposed()) < 1e-12)
        #expect(maxDifference(pa, pa.transposed()) < 1e-12)
        // numpy.linalg.pinv([[1, 2], [2, 4]]) = [[0.04, 0.08], [0.08, 0.16]].
        let known = try pseudoInverse(try Matrix([[1, 2], [2, 4]]))
        #expect(maxDifference(known, try Matrix([[0.04, 0.08], [0.08, 0.16]])) < 1e-15)
        // A square invertible matrix: the pseudo-inverse is the inverse.
        let inverse = try pseudoInverse(try Matrix([[4, 7], [2, 6]]))
        #expect(maxDifference(inverse, try Matrix([[0.6, -0.7], [-0.2, 0.4]])) < 1e-14)
    }

    @Test func testLogDeterminant_matchesEigenvalues() throws {
        var a = try sample(rows: 8, cols: 5).gram()
        for i in 0..<5 { a[i, i] += 0.5 }
        let (values, _) = try symmetricEigen(a)
        let expected = values.reduce(0) { $0 + log($1) }
        #expect(abs(try logDeterminant(a) - expected) < 1e-11)
        let (sign, logAbs) = try signedLogDeterminant(a)
        #expect(sign == 1 && abs(logAbs - expected) < 1e-11)
    }

    @Test func testSignedLogDeterminant_signsAndSingular() throws {
        let swap = try signedLogDeterminant(try Matrix([[0, 1], [1, 0]]))
        #expect(swap.sign == -1 && abs(swap.logAbs) < 1e-15)
        let general = try signedLogDeterminant(try Matrix([[1, 2], [3, 4]]))  // det = −2
        #expect(general.sign == -1 && abs(general.logAbs - log(2)) < 1e-14)
        let diagonal = try signedLogDeterminant(try Matrix([[-2, 0, 0], [0, -3, 0], [0, 0, 1]]))
        #expect(diagonal.sign == 1 && abs(diagonal.logAbs - log(6)) < 1e-14)
        let singular = try signedLogDeterminant(try Matrix([[1, 2], [2, 4]]))
        #expect(singular.sign == 0 && singular.logAbs == -.infinity)
    }

    @Test func testLinearAlgebra_errors() throws {
        let wide = try Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(throws: TensorError("matrix", "6 x 1 holds 6 elements, got 5")) {
            try Matrix(rows: 6, cols: 1, scalars: [1, 2, 3, 4, 5])
        }
        #expect(throws: TensorError("matrix", "row 1 has 1 values, expected 2 like row 0")) {
            try Matrix([[1, 2], [3]])
        }
        #expect(throws: TensorError("matrix", "expected a rank-2 tensor, got shape [3]")) {
            try Matrix(Tensor([1, 2, 3]))
        }
        #expect(throws: TensorError(
            "matmul", "shapes [2, 3] and [2, 3] do not align (expected a.cols == b.rows)"
        )) { try wide.matmul(wide) }
        #expect(throws: TensorError("symmetricEigen", "expected a square matrix, got 2 x 3")) {
            try symmetricEigen(wide)
        }
        #expect(throws: TensorError(
            "symmetricEigen", "matrix is not symmetric: [0, 1] = 2.0 but [1, 0] = 3.0"
        )) { try symmetricEigen(try Matrix([[1, 2], [3, 4]])) }
        #expect(throws: TensorError(
            "svd", "matrix holds nan at [0, 1] (expected finite values)"
        )) { try svd(try Matrix([[1, .nan], [3, 4]])) }
        #expect(throws: TensorError(
            "pseudoInverse", "matrix holds inf at [1, 0] (expected finite values)"
        )) { try pseudoInverse(try Matrix([[1, 2], [.infinity, 4]])) }
        #expect(throws: TensorError(
            "logDeterminant",
            "LAPACK dpotrf failed: the matrix is not positive definite (info = 2)"
        )) { try logDeterminant(try Matrix([[1, 2], [2, 1]])) }
        #expect(throws: TensorError("signedLogDeterminant", "expected a square matrix, got 2 x 3")) {
            try signedLogDeterminant(wide)
        }
        #expect(throws: TensorError("covariance", "needs at least 2 rows (observations), got 1")) {
            try Matrix([[1, 2]]).covariance()
        }
    }
}
