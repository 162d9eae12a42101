/// NumPy broadcasting: shapes are aligned at their last axes, and an axis of size 1 stretches.
enum Broadcasting {
    /// The broadcast shape of `a` and `b`.
    /// - Throws: ``TensorError`` naming `op` when an axis differs and neither size is 1.
    static func shape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else {
                throw TensorError(
                    op, "shapes \(a) and \(b) cannot be broadcast (axis \(i): \(da) vs \(db))")
            }
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// For each element of `outShape`, the index of the element of `shape` it reads.
    static func sourceIndices(of shape: [Int], in outShape: [Int]) -> [Int] {
        let offset = outShape.count - shape.count
        let inStrides = Tensor.strides(of: shape)
        let total = outShape.product
        var result = [Int](repeating: 0, count: total)
        // Odometer over the output, carrying the matching input offset along.
        var counter = [Int](repeating: 0, count: outShape.count)
        var source = 0
        for flat in 0..<total {
            result[flat] = source
            var axis = outShape.count - 1
            while axis >= 0 {
                counter[axis] += 1
                let inAxis = axis - offset
                let step = inAxis >= 0 && shape[inAxis] != 1 ? inStrides[inAxis] : 0
                source += step
                if counter[axis] < outShape[axis] { break }
                source -= step * counter[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}

extension Tensor {
    /// Sums a gradient of the broadcast shape back down to `target` (the inverse of broadcasting).
    ///
    /// `target` must broadcast to `shape`; ops call this with the shape of one of their inputs.
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let source = shape
        let out = reducedToShape(target)
        return Tensor.record(out, inputs: [self]) { g in [g.broadcast(to: source)] }
    }

    /// The values of this tensor repeated over the axes where `target` is larger.
    func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let indices = Broadcasting.sourceIndices(of: shape, in: target)
        return Tensor(unchecked: target, indices.map { scalars[$0] })
    }

    private func reducedToShape(_ target: [Int]) -> Tensor {
        let indices = Broadcasting.sourceIndices(of: target, in: shape)
        var out = [Float](repeating: 0, count: target.product)
        scalars.withUnsafeBufferPointer { src in
            for (flat, index) in indices.enumerated() { out[index] += src[flat] }
        }
        return Tensor(unchecked: target, out)
    }

    /// Applies `f` element-wise over the broadcast of `a` and `b`, without recording.
    static func zipBroadcast(
        _ a: Tensor, _ b: Tensor, op: String, _ f: (Float, Float) -> Float
    ) throws -> Tensor {
        if a.shape == b.shape {
            var out = [Float](repeating: 0, count: a.count)
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    for i in 0..<pa.count { out[i] = f(pa[i], pb[i]) }
                }
            }
            return Tensor(unchecked: a.shape, out)
        }
        let shape = try Broadcasting.shape(a.shape, b.shape, op: op)
        var out = [Float](repeating: 0, count: shape.product)
        if b.count == 1 {
            let s = b.scalars[0]
            a.scalars.withUnsafeBufferPointer { pa in
                for i in 0..<out.count { out[i] = f(pa[i % pa.count], s) }
            }
        } else if a.count == 1 {
            let s = a.scalars[0]
            b.scalars.withUnsafeBufferPointer { pb in
                for i in 0..<out.count { out[i] = f(s, pb[i % pb.count]) }
            }
        } else {
            let ia = Broadcasting.sourceIndices(of: a.shape, in: shape)
            let ib = Broadcasting.sourceIndices(of: b.shape, in: shape)
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    for i in 0..<out.count { out[i] = f(pa[ia[i]], pb[ib[i]]) }
                }
            }
        }
        return Tensor(unchecked: shape, out)
    }
}

// MARK: - Arithmetic

extension Tensor {
    /// Element-wise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "add", +)
        return record(out, inputs: [a, b]) { g in
            [g.summed(toShape: a.shape), g.summed(toShape: b.shape)]
        }
    }

    /// Element-wise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "subtract", -)
        return record(out, inputs: [a, b]) { g in
            [g.summed(toShape: a.shape), g.negated().summed(toShape: b.shape)]
        }
    }

    /// Element-wise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "multiply", *)
        return record(out, inputs: [a, b]) { g in
            [try (g * b).summed(toShape: a.shape), try (g * a).summed(toShape: b.shape)]
        }
    }

    /// Element-wise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "divide", /)
        return record(out, inputs: [a, b]) { g in
            let ga = try (g / b).summed(toShape: a.shape)
            let gb = try (g * a / (b * b)).negated().summed(toShape: b.shape)
            return [ga, gb]
        }
    }

    /// Element-wise negation.
    public func negated() -> Tensor {
        let out = Tensor(unchecked: shape, scalars.map { -$0 })
        return Tensor.record(out, inputs: [self]) { g in [g.negated()] }
    }

    /// Adds a scalar to every element.
    public static func + (a: Tensor, s: Float) -> Tensor {
        let out = Tensor(unchecked: a.shape, a.scalars.map { $0 + s })
        return record(out, inputs: [a]) { g in [g] }
    }

    /// Multiplies every element by a scalar.
    public static func * (a: Tensor, s: Float) -> Tensor {
        let out = Tensor(unchecked: a.shape, a.scalars.map { $0 * s })
        return record(out, inputs: [a]) { g in [g * s] }
    }
}
