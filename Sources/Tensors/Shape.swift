/// Shape changes: reshaping (no copy), axis permutation (one copy), and axis insertion/removal.
extension Tensor {
    /// The same elements under a new shape; one dimension may be -1 and is then inferred.
    ///
    /// ```swift
    /// try Tensor.arange(end: 6).reshaped([2, -1])   // [[0, 1, 2], [3, 4, 5]]
    /// ```
    /// - Throws: ``TensorError`` when the element counts differ or the shape is malformed.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let inferred = newShape.filter { $0 == -1 }.count
        guard inferred <= 1 else {
            throw TensorError("reshaped", "only one dimension can be -1, got \(newShape)")
        }
        guard newShape.allSatisfy({ $0 >= -1 }) else {
            throw TensorError(
                "reshaped", "dimensions must be non-negative or -1, got \(newShape)")
        }
        let mismatch = TensorError(
            "reshaped", "cannot reshape \(shape) (\(count) elements) into \(newShape)")
        guard let known = Tensor.checkedProduct(newShape.filter { $0 != -1 }) else { throw mismatch }
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            guard known > 0, count % known == 0 else { throw mismatch }
            resolved[hole] = count / known
        } else {
            guard known == count else { throw mismatch }
        }
        return reshapedUnchecked(resolved)
    }

    /// The product of `dimensions`, or nil when it overflows.
    private static func checkedProduct(_ dimensions: [Int]) -> Int? {
        var product = 1
        for d in dimensions {
            let (result, overflow) = product.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            product = result
        }
        return product
    }

    /// The same elements under `newShape`, which must hold `count` elements.
    func reshapedUnchecked(_ newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        let old = shape
        let out = Tensor(unchecked: newShape, scalars)
        return Tensor.record(out, inputs: [self]) { g in [g.reshapedUnchecked(old)] }
    }

    /// The axes in reverse order (numpy's `.T`); a matrix becomes its transpose.
    public func transposed() -> Tensor {
        permutedUnchecked(Array((0..<rank).reversed()))
    }

    /// The axes reordered: axis `i` of the result is axis `axes[i]` of this tensor.
    ///
    /// ```swift
    /// x.shape                          // [2, 3, 4]
    /// try x.permuted([2, 0, 1]).shape  // [4, 2, 3]
    /// ```
    /// - Throws: ``TensorError`` when `axes` is not a permutation of the axes.
    public func permuted(_ axes: [Int]) throws -> Tensor {
        guard axes.count == rank else {
            throw TensorError(
                "permuted", "expected \(rank) axes for shape \(shape), got \(axes)")
        }
        return permutedUnchecked(try Axis.normalizedDistinct(axes, shape: shape, op: "permuted"))
    }

    /// The axes reordered by a valid permutation.
    func permutedUnchecked(_ axes: [Int]) -> Tensor {
        let outShape = axes.map { shape[$0] }
        let layout = Permutation(shape: shape, axes: axes)
        // When no two elements change their relative order, the data is already laid out right.
        let out = Tensor(
            unchecked: outShape, layout.isIdentity ? scalars : layout.apply(to: scalars))
        var inverse = [Int](repeating: 0, count: axes.count)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Tensor.record(out, inputs: [self]) { g in [g.permutedUnchecked(inverse)] }
    }

    /// This tensor without the axis `axis`, which must have size 1; without every size-1 axis
    /// when `axis` is nil.
    /// - Throws: ``TensorError`` when the axis is out of range or its size is not 1.
    public func squeezed(axis: Int? = nil) throws -> Tensor {
        guard let axis else { return reshapedUnchecked(shape.filter { $0 != 1 }) }
        let a = try Axis.normalized(axis, shape: shape, op: "squeezed")
        guard shape[a] == 1 else {
            throw TensorError(
                "squeezed", "axis \(axis) has size \(shape[a]), expected 1 (shape \(shape))")
        }
        var newShape = shape
        newShape.remove(at: a)
        return reshapedUnchecked(newShape)
    }

    /// This tensor with a new axis of size 1 at position `axis` (`-rank-1...rank`).
    /// - Throws: ``TensorError`` when the position is out of range.
    public func expandingDims(at axis: Int) throws -> Tensor {
        let a = try Axis.insertion(axis, shape: shape, op: "expandingDims")
        var newShape = shape
        newShape.insert(1, at: a)
        return reshapedUnchecked(newShape)
    }

    /// The axes `startAxis...endAxis` merged into one (all of them by default; a scalar becomes
    /// a one-element vector).
    /// - Throws: ``TensorError`` when an axis is out of range or `startAxis` comes after `endAxis`.
    public func flattened(startAxis: Int = 0, endAxis: Int = -1) throws -> Tensor {
        if rank == 0 { return reshapedUnchecked([1]) }
        let start = try Axis.normalized(startAxis, shape: shape, op: "flattened")
        let end = try Axis.normalized(endAxis, shape: shape, op: "flattened")
        guard start <= end else {
            throw TensorError(
                "flattened",
                "startAxis \(startAxis) comes after endAxis \(endAxis) (shape \(shape))")
        }
        let merged = Array(shape[start...end]).product
        return reshapedUnchecked(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }
}
