/// Reductions over axes. `axes: nil` reduces over every axis; `keepDims: true` keeps the reduced
/// axes with size 1, so the result broadcasts against the input.
///
/// Kernels see the input as `[outer, n, inner]`, where `n` spans the (adjacent) reduced axes:
/// a reduction over trailing axes (`inner == 1`) runs over contiguous rows, one over leading
/// axes adds whole rows together. Non-adjacent axes are first moved to the end by one copy.
extension Tensor {
    /// The sum of the elements over `axes` (all of them when nil).
    /// - Throws: ``TensorError`` when an axis is out of range or repeated.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(axes, keepDims: keepDims, op: "sum") { t, layout in
            let out = Tensor(unchecked: layout.outShape, Reduction.sum(t.scalars, layout))
            return Tensor.record(out, inputs: [t]) { g in
                [Tensor(unchecked: t.shape, Reduction.expand(g.scalars, layout))]
            }
        }
    }

    /// The arithmetic mean of the elements over `axes` (all of them when nil); `nan` over
    /// an empty axis.
    /// - Throws: ``TensorError`` when an axis is out of range or repeated.
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let n = try reducedCount(axes, op: "mean")
        return try sum(axes: axes, keepDims: keepDims) * (1 / Float(n))
    }

    /// The variance over `axes`: the mean squared deviation from the mean (numpy's `ddof=0`), or
    /// with `unbiased: true` the sum of squared deviations divided by `n - 1` (`ddof=1`).
    /// - Throws: ``TensorError`` when an axis is out of range or repeated.
    public func variance(
        axes: [Int]? = nil, keepDims: Bool = false, unbiased: Bool = false
    ) throws -> Tensor {
        let n = try reducedCount(axes, op: "variance")
        let deviation = try self - mean(axes: axes, keepDims: true)
        let divisor = Float(unbiased ? n - 1 : n)
        return try deviation.square().sum(axes: axes, keepDims: keepDims) * (1 / divisor)
    }

    /// The largest element over `axes`; the gradient goes to the first largest element.
    /// - Throws: ``TensorError`` when an axis is out of range, repeated, or empty.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try extremum(axes, keepDims: keepDims, largest: true, op: "max")
    }

    /// The smallest element over `axes`; the gradient goes to the first smallest element.
    /// - Throws: ``TensorError`` when an axis is out of range, repeated, or empty.
    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try extremum(axes, keepDims: keepDims, largest: false, op: "min")
    }

    /// The position of the first largest element along `axis` (over the flattened tensor when
    /// nil), as a tensor of Float indices; exact up to 2^24. Not differentiable.
    /// - Throws: ``TensorError`` when the axis is out of range or empty.
    public func argMax(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try argExtremum(axis, keepDims: keepDims, largest: true, op: "argMax")
    }

    /// The position of the first smallest element along `axis` (over the flattened tensor when
    /// nil), as a tensor of Float indices; exact up to 2^24. Not differentiable.
    /// - Throws: ``TensorError`` when the axis is out of range or empty.
    public func argMin(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try argExtremum(axis, keepDims: keepDims, largest: false, op: "argMin")
    }

    /// The positions of the first largest elements along `axis` as integers, in row-major order
    /// of the remaining axes (e.g. the predicted class of each row of `[batch, classes]` logits).
    /// - Throws: ``TensorError`` when the axis is out of range or empty.
    public func argMaxIndices(axis: Int? = nil) throws -> [Int] {
        let layout = try argLayout(axis, keepDims: false, op: "argMaxIndices")
        return Reduction.extremum(scalars, layout, largest: true).positions
    }

    // MARK: Plumbing

    /// Validates `axes` and runs `kernel` on a tensor whose reduced axes are adjacent.
    private func reduce(
        _ axes: [Int]?, keepDims: Bool, op: String,
        _ kernel: (Tensor, Reduction.Layout) throws -> Tensor
    ) throws -> Tensor {
        let reduced = try axes.map { try Axis.normalizedSet($0, shape: shape, op: op) }
            ?? Array(0..<rank)
        if reduced.isEmpty { return self }
        if let first = reduced.first, let last = reduced.last, last - first + 1 == reduced.count {
            return try kernel(self, Reduction.Layout(shape: shape, axes: reduced, keepDims: keepDims))
        }
        // Move the reduced axes to the end, reduce there, and restore the kept shape.
        let kept = (0..<rank).filter { !reduced.contains($0) }
        let moved = permutedUnchecked(kept + reduced)
        let tail = Array(kept.count..<rank)
        let result = try kernel(
            moved, Reduction.Layout(shape: moved.shape, axes: tail, keepDims: false))
        let layout = Reduction.Layout(shape: shape, axes: reduced, keepDims: keepDims)
        return result.reshapedUnchecked(layout.outShape)
    }

    /// The number of elements each output of a reduction over `axes` combines.
    private func reducedCount(_ axes: [Int]?, op: String) throws -> Int {
        guard let axes else { return count }
        return try Axis.normalizedSet(axes, shape: shape, op: op).map { shape[$0] }.product
    }

    private func extremum(
        _ axes: [Int]?, keepDims: Bool, largest: Bool, op: String
    ) throws -> Tensor {
        try reduce(axes, keepDims: keepDims, op: op) { t, layout in
            guard layout.n > 0 || layout.outer * layout.inner == 0 else {
                throw TensorError(
                    op,
                    "cannot reduce over an empty axis (shape \(shape), axes \(axes ?? Array(0..<rank)))")
            }
            let (values, positions) = Reduction.extremum(t.scalars, layout, largest: largest)
            let out = Tensor(unchecked: layout.outShape, values)
            return Tensor.record(out, inputs: [t]) { g in
                [Tensor(unchecked: t.shape, Reduction.place(g.scalars, at: positions, layout))]
            }
        }
    }

    private func argExtremum(_ axis: Int?, keepDims: Bool, largest: Bool, op: String) throws -> Tensor {
        let layout = try argLayout(axis, keepDims: keepDims, op: op)
        let positions = Reduction.extremum(scalars, layout, largest: largest).positions
        return Tensor(unchecked: layout.outShape, positions.map { Float($0) })
    }

    /// The layout of an arg-reduction along one axis, or all of them.
    private func argLayout(_ axis: Int?, keepDims: Bool, op: String) throws -> Reduction.Layout {
        let axes = try axis.map { [try Axis.normalized($0, shape: shape, op: op)] } ?? Array(0..<rank)
        let layout = Reduction.Layout(shape: shape, axes: axes, keepDims: keepDims)
        guard layout.n > 0 || layout.outer * layout.inner == 0 else {
            throw TensorError(op, "cannot reduce over an empty axis (shape \(shape))")
        }
        return layout
    }
}

/// Kernels for reductions over the middle axis of an `[outer, n, inner]` view.
enum Reduction {
    /// How a tensor is seen by a reduction over adjacent axes.
    struct Layout {
        /// The product of the axes before the reduced ones.
        let outer: Int
        /// The product of the reduced axes.
        let n: Int
        /// The product of the axes after the reduced ones.
        let inner: Int
        /// The shape of the result.
        let outShape: [Int]

        /// The layout of a reduction of `shape` over `axes`, which are sorted and adjacent (or
        /// empty for a scalar).
        init(shape: [Int], axes: [Int], keepDims: Bool) {
            let first = axes.first ?? 0
            let end = (axes.last ?? -1) + 1
            outer = Array(shape[..<first]).product
            n = Array(shape[first..<end]).product
            inner = Array(shape[end...]).product
            outShape = keepDims
                ? shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
                : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        }
    }

    /// Sums over the reduced axes.
    static func sum(_ source: [Float], _ layout: Layout) -> [Float] {
        let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
        return source.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: outer * inner) { dst, initialized in
                initialized = outer * inner
                guard let base = src.baseAddress else {
                    dst.initialize(repeating: 0)
                    return
                }
                if inner == 1 {
                    for o in 0..<outer { dst[o] = sumContiguous(base + o * n, n) }
                    return
                }
                // Whole rows are added into Float64 totals, so long columns do not drift.
                var totals = [Double](repeating: 0, count: inner)
                totals.withUnsafeMutableBufferPointer { acc in
                    for o in 0..<outer {
                        for j in 0..<inner { acc[j] = 0 }
                        for r in 0..<n {
                            let from = base + (o * n + r) * inner
                            for j in 0..<inner { acc[j] += Double(from[j]) }
                        }
                        for j in 0..<inner { dst[o * inner + j] = Float(acc[j]) }
                    }
                }
            }
        }
    }

    /// The sum of `n` contiguous floats: eight Float lanes within blocks of 512 elements, block
    /// totals in Float64 (fast, and as accurate as numpy's pairwise sum on long rows).
    static func sumContiguous(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        let raw = UnsafeRawPointer(p)
        let width = MemoryLayout<Float>.stride
        var total: Double = 0
        var i = 0
        while i < n {
            let blockEnd = Swift.min(i + 512, n)
            var lanes = SIMD8<Float>(repeating: 0)
            while i + 8 <= blockEnd {
                lanes += raw.loadUnaligned(fromByteOffset: i * width, as: SIMD8<Float>.self)
                i += 8
            }
            var block = lanes.sum()
            while i < blockEnd {
                block += p[i]
                i += 1
            }
            total += Double(block)
        }
        return Float(total)
    }

    /// Repeats each output value over the reduced axes: the gradient of a sum.
    static func expand(_ values: [Float], _ layout: Layout) -> [Float] {
        let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
        let total = outer * n * inner
        return values.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: total) { dst, initialized in
                if inner == 1 {
                    for o in 0..<outer {
                        let value = src[o]
                        for r in 0..<n { dst[o * n + r] = value }
                    }
                    initialized = total
                    return
                }
                for o in 0..<outer {
                    for r in 0..<n {
                        let to = (o * n + r) * inner
                        for j in 0..<inner { dst[to + j] = src[o * inner + j] }
                    }
                }
                initialized = total
            }
        }
    }

    /// The largest (or smallest) value over the reduced axes and its first position there.
    static func extremum(
        _ source: [Float], _ layout: Layout, largest: Bool
    ) -> (values: [Float], positions: [Int]) {
        // Two copies of the loop, each with its comparison fixed, keep the hot loop branch-free.
        largest ? extremum(source, layout, better: >) : extremum(source, layout, better: <)
    }

    /// The first element over the reduced axes that no other is `better` than, and its position
    /// (`better` is strict, so ties keep the first).
    @inline(__always)
    private static func extremum(
        _ source: [Float], _ layout: Layout, better: (Float, Float) -> Bool
    ) -> (values: [Float], positions: [Int]) {
        let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
        var values = [Float](repeating: 0, count: outer * inner)
        var positions = [Int](repeating: 0, count: outer * inner)
        guard n > 0 else { return (values, positions) }
        source.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { best in
                positions.withUnsafeMutableBufferPointer { at in
                    if inner == 1 {
                        // Contiguous rows: one running best per row.
                        for o in 0..<outer {
                            let start = o * n
                            var value = src[start]
                            var position = 0
                            for r in 1..<n where better(src[start + r], value) {
                                value = src[start + r]
                                position = r
                            }
                            best[o] = value
                            at[o] = position
                        }
                        return
                    }
                    for o in 0..<outer {
                        let start = o * n * inner
                        let row = o * inner
                        for j in 0..<inner { best[row + j] = src[start + j] }
                        for r in 1..<n {
                            let from = start + r * inner
                            for j in 0..<inner where better(src[from + j], best[row + j]) {
                                best[row + j] = src[from + j]
                                at[row + j] = r
                            }
                        }
                    }
                }
            }
        }
        return (values, positions)
    }

    /// Places each output value at its position on the reduced axes, zeros elsewhere: the
    /// gradient of a max or min.
    static func place(_ values: [Float], at positions: [Int], _ layout: Layout) -> [Float] {
        let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
        var out = [Float](repeating: 0, count: outer * n * inner)
        out.withUnsafeMutableBufferPointer { dst in
            for o in 0..<outer {
                for j in 0..<inner {
                    dst[(o * n + positions[o * inner + j]) * inner + j] = values[o * inner + j]
                }
            }
        }
        return out
    }
}
