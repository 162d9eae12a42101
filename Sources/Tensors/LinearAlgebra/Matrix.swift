/// A dense Float64 matrix in row-major order, for the numerics that need double precision
/// (decompositions, transferability metrics).
///
/// ```swift
/// let a = try Matrix([[1, 2], [3, 4]])
/// let g = a.gram()              // aᵀa
/// let (u, s, vt) = try svd(a)
/// ```
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let cols: Int
    /// The elements in row-major order; `scalars.count == rows * cols`.
    public internal(set) var scalars: [Double]

    /// Makes a matrix from its size and row-major elements.
    /// - Throws: ``TensorError`` when a size is negative or the element count does not match.
    public init(rows: Int, cols: Int, scalars: [Double]) throws {
        guard rows >= 0, cols >= 0 else {
            throw TensorError("matrix", "sizes must be non-negative, got \(rows) x \(cols)")
        }
        guard scalars.count == rows * cols else {
            throw TensorError(
                "matrix", "\(rows) x \(cols) holds \(rows * cols) elements, got \(scalars.count)")
        }
        self.init(unchecked: rows, cols, scalars)
    }

    /// Makes a matrix without checking; for code that has computed a consistent size.
    init(unchecked rows: Int, _ cols: Int, _ scalars: [Double]) {
        // Every LAPACK and BLAS call works on a matrix made here, so this is the place to apply
        // the process settings (OpenBLAS's threads) before the first one.
        ProcessSettings.applied
        self.rows = rows
        self.cols = cols
        self.scalars = scalars
    }

    /// Makes a matrix from a list of equally long rows.
    /// - Throws: ``TensorError`` when the rows differ in length.
    public init(_ rowValues: [[Double]]) throws {
        let cols = rowValues.first?.count ?? 0
        if let bad = rowValues.firstIndex(where: { $0.count != cols }) {
            throw TensorError(
                "matrix", "row \(bad) has \(rowValues[bad].count) values, expected \(cols) like row 0")
        }
        self.init(unchecked: rowValues.count, cols, rowValues.flatMap { $0 })
    }

    /// Makes a Float64 matrix from a rank-2 tensor.
    /// - Throws: ``TensorError`` when the tensor is not rank 2.
    public init(_ tensor: Tensor) throws {
        guard tensor.rank == 2 else {
            throw TensorError("matrix", "expected a rank-2 tensor, got shape \(tensor.shape)")
        }
        self.init(unchecked: tensor.shape[0], tensor.shape[1], tensor.scalars.map { Double($0) })
    }

    /// A `rows` x `cols` matrix of zeros.
    public static func zeros(rows: Int, cols: Int) throws -> Matrix {
        try Matrix(rows: rows, cols: cols, scalars: [Double](repeating: 0, count: max(rows * cols, 0)))
    }

    /// The `n` x `n` identity matrix.
    public static func identity(_ n: Int) throws -> Matrix {
        var m = try zeros(rows: n, cols: n)
        for i in 0..<n { m.scalars[i * n + i] = 1 }
        return m
    }

    /// The element at `row`, `col`; both must be in range (callers check user-given indices).
    public subscript(row: Int, col: Int) -> Double {
        get { scalars[row * cols + col] }
        set { scalars[row * cols + col] = newValue }
    }

    /// Whether the matrix has as many rows as columns.
    public var isSquare: Bool { rows == cols }

    /// The same values as a Float32 tensor of shape `[rows, cols]`.
    public var tensor: Tensor { Tensor(unchecked: [rows, cols], scalars.map { Float($0) }) }

    /// The transpose.
    public func transposed() -> Matrix {
        var out = [Double](repeating: 0, count: scalars.count)
        scalars.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { t in
                for i in 0..<rows {
                    for j in 0..<cols { t[j * rows + i] = a[i * cols + j] }
                }
            }
        }
        return Matrix(unchecked: cols, rows, out)
    }

    /// The rows at `indices`, in that order.
    /// - Throws: ``TensorError`` when an index is out of range.
    public func selectingRows(_ indices: [Int]) throws -> Matrix {
        if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
            throw TensorError("selectingRows", "row \(bad) is out of range for \(rows) rows")
        }
        var out = [Double]()
        out.reserveCapacity(indices.count * cols)
        for i in indices { out.append(contentsOf: scalars[(i * cols)..<((i + 1) * cols)]) }
        return Matrix(unchecked: indices.count, cols, out)
    }

    /// The mean of each column (zeros for a matrix without rows).
    public func columnMeans() -> [Double] {
        var sums = [Double](repeating: 0, count: cols)
        scalars.withUnsafeBufferPointer { a in
            for i in 0..<rows {
                for j in 0..<cols { sums[j] += a[i * cols + j] }
            }
        }
        let n = Double(max(rows, 1))
        return sums.map { $0 / n }
    }

    /// The matrix with each column's mean subtracted.
    public func centered() -> Matrix {
        let means = columnMeans()
        var out = scalars
        out.withUnsafeMutableBufferPointer { a in
            for i in 0..<rows {
                for j in 0..<cols { a[i * cols + j] -= means[j] }
            }
        }
        return Matrix(unchecked: rows, cols, out)
    }

    /// The sample covariance of the columns (rows are observations), normalised by `rows - 1`
    /// as `numpy.cov(a, rowvar=False)` does.
    /// - Throws: ``TensorError`` when there are fewer than 2 rows.
    public func covariance() throws -> Matrix {
        guard rows >= 2 else {
            throw TensorError("covariance", "needs at least 2 rows (observations), got \(rows)")
        }
        var c = centered().gram()
        let scale = 1 / Double(rows - 1)
        for i in c.scalars.indices { c.scalars[i] *= scale }
        return c
    }

    /// The position of the first NaN or infinite element, as (row, col), if any.
    public func firstNonFinite() -> (row: Int, col: Int)? {
        guard let flat = scalars.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (flat / max(cols, 1), flat % max(cols, 1))
    }
}

extension Matrix: CustomStringConvertible {
    /// One line per row, e.g. `[[1.0, 2.0], [3.0, 4.0]]`.
    public var description: String {
        let lines = (0..<rows).map { i in
            "[" + (0..<cols).map { j in "\(scalars[i * cols + j])" }.joined(separator: ", ") + "]"
        }
        return "[" + lines.joined(separator: ",\n ") + "]"
    }
}
