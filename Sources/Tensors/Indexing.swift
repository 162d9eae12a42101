/// Numpy-style indexing, slicing and row selection, all differentiable.
extension Tensor {
    /// The elements selected by a numpy-style index expression (see ``TensorIndex``).
    ///
    /// ```swift
    /// // x[1:, ::-1] in numpy
    /// try x.indexed([.range(start: 1), .range(step: -1)])
    /// ```
    /// The gradient adds the output gradient back into the selected positions.
    /// - Throws: ``TensorError`` for too many indices, an index out of range or a zero step.
    public func indexed(_ indices: [TensorIndex]) throws -> Tensor {
        try select(IndexPlan(indices, shape: shape, op: "indexed"))
    }

    /// The slices at `indices` along `axis` (numpy's `take`), in the given order; repeats are
    /// allowed and negative indices count from the end.
    ///
    /// ```swift
    /// try x.gathered(indices: [2, 0, 2])   // rows 2, 0 and 2 of x
    /// ```
    /// - Throws: ``TensorError`` when the axis or an index is out of range.
    public func gathered(indices: [Int], axis: Int = 0) throws -> Tensor {
        let a = try Axis.normalized(axis, shape: shape, op: "gathered")
        var positions = shape.map { Array(0..<$0) }
        positions[a] = try indices.map {
            try IndexPlan.position($0, axis: a, shape: shape, op: "gathered")
        }
        var outShape = shape
        outShape[a] = indices.count
        return select(IndexPlan(shape: shape, positions: positions, outShape: outShape))
    }

    /// A copy of this tensor with the elements selected by `indices` replaced by `value`, which
    /// is broadcast to the shape of the selection (numpy's `x[indices] = value`, as a value).
    ///
    /// Differentiable in both this tensor (whose replaced elements get no gradient) and `value`.
    /// - Throws: ``TensorError`` for a bad index or when `value` does not broadcast to the
    ///   selection.
    public func setting(_ indices: [TensorIndex], to value: Tensor) throws -> Tensor {
        let plan = try IndexPlan(indices, shape: shape, op: "setting")
        let target = plan.outShape
        guard (try? Broadcasting.shape(value.shape, target, op: "setting")) == target else {
            throw TensorError(
                "setting",
                "value of shape \(value.shape) cannot be broadcast to the selection's shape \(target)")
        }
        var result = scalars
        plan.assign(value.broadcast(to: target).scalars, into: &result)
        let out = Tensor(unchecked: shape, result)
        let zeros = [Float](repeating: 0, count: plan.outShape.product)
        return Tensor.record(out, inputs: [self, value]) { g in
            var kept = g.scalars
            plan.assign(zeros, into: &kept)
            let picked = Tensor(unchecked: target, plan.gather(g.scalars))
            return [Tensor(unchecked: g.shape, kept), picked.summed(toShape: value.shape)]
        }
    }

    /// The selection planned by `plan`, recorded with a scatter-add gradient.
    private func select(_ plan: IndexPlan) -> Tensor {
        let out = Tensor(unchecked: plan.outShape, plan.gather(scalars))
        let inShape = shape
        return Tensor.record(out, inputs: [self]) { g in
            var grad = [Float](repeating: 0, count: inShape.product)
            plan.scatterAdd(g.scalars, into: &grad)
            return [Tensor(unchecked: inShape, grad)]
        }
    }
}
