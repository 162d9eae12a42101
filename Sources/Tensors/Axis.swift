/// Checks axis arguments and turns negative axes (counted from the end, as in numpy) into indices.
enum Axis {
    /// `axis` as an index into `shape`, where `-rank..<rank` is valid.
    /// - Throws: ``TensorError`` naming `op` when the axis is out of range.
    static func normalized(_ axis: Int, shape: [Int], op: String) throws -> Int {
        try normalized(axis, rank: shape.count, shape: shape, op: op)
    }

    /// `axis` as a position in `0...rank`, for ops that insert an axis (`-rank-1...rank` is valid).
    /// - Throws: ``TensorError`` naming `op` when the position is out of range.
    static func insertion(_ axis: Int, shape: [Int], op: String) throws -> Int {
        try normalized(axis, rank: shape.count + 1, shape: shape, op: op)
    }

    /// The indices of `axes` into `shape`, in the given order.
    /// - Throws: ``TensorError`` naming `op` when an axis is out of range or repeated.
    static func normalizedDistinct(_ axes: [Int], shape: [Int], op: String) throws -> [Int] {
        var seen = [Bool](repeating: false, count: shape.count)
        return try axes.map { axis in
            let a = try normalized(axis, shape: shape, op: op)
            guard !seen[a] else {
                throw TensorError(op, "axis \(axis) is repeated in \(axes) (shape \(shape))")
            }
            seen[a] = true
            return a
        }
    }

    /// The sorted, distinct indices of `axes` into `shape`.
    /// - Throws: ``TensorError`` naming `op` when an axis is out of range or repeated.
    static func normalizedSet(_ axes: [Int], shape: [Int], op: String) throws -> [Int] {
        try normalizedDistinct(axes, shape: shape, op: op).sorted()
    }

    private static func normalized(_ axis: Int, rank: Int, shape: [Int], op: String) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else {
            let expected = rank == 0 ? "a scalar has no axes" : "expected -\(rank)..<\(rank)"
            throw TensorError(op, "axis \(axis) is out of range for shape \(shape) (\(expected))")
        }
        return a
    }
}
