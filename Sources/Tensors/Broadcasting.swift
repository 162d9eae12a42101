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
        let total = target.product
        let out = scalars.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: total) { dst, initialized in
                Broadcasting.forEachRun(shape, target, in: target) { o, i, _, n, step, _ in
                    for j in 0..<n { dst[o + j] = src[i + j * step] }
                }
                initialized = total
            }
        }
        return Tensor(unchecked: target, out)
    }

    private func reducedToShape(_ target: [Int]) -> Tensor {
        var out = [Float](repeating: 0, count: target.product)
        scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let base = src.baseAddress else { return }
                Broadcasting.forEachRun(target, shape, in: shape) { _, t, i, n, step, _ in
                    if step == 0 {
                        dst[t] += Reduction.sumContiguous(base + i, n)
                    } else {
                        for j in 0..<n { dst[t + j * step] += src[i + j] }
                    }
                }
            }
        }
        return Tensor(unchecked: target, out)
    }

    /// Applies `f` element-wise over the broadcast of `a` and `b`, without recording.
    @inline(__always)
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
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { dst in
                        Broadcasting.forEachRun(a.shape, b.shape, in: shape) { o, ia, ib, n, sa, sb in
                            if sa == 0 {
                                let x = pa[ia]
                                for j in 0..<n { dst[o + j] = f(x, pb[ib + j * sb]) }
                            } else if sb == 0 {
                                let y = pb[ib]
                                for j in 0..<n { dst[o + j] = f(pa[ia + j * sa], y) }
                            } else {
                                for j in 0..<n { dst[o + j] = f(pa[ia + j * sa], pb[ib + j * sb]) }
                            }
                        }
                    }
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

// MARK: - Runs

extension Broadcasting {
    /// Visits the broadcast of shapes `a` and `b` over `outShape` as runs of consecutive output
    /// elements: `body(outStart, aStart, bStart, length, aStep, bStep)`, where each input is read
    /// from its start with a step of 0 (stretched) or its stride.
    ///
    /// Size-1 axes are dropped and axes that both inputs traverse contiguously are merged, so
    /// `[n, c] + [c]` is `n` runs of length `c`, and same-shape inputs are a single run.
    @inline(__always)
    static func forEachRun(
        _ a: [Int], _ b: [Int], in outShape: [Int],
        _ body: (_ outStart: Int, _ aStart: Int, _ bStart: Int, _ length: Int, _ aStep: Int,
                 _ bStep: Int) -> Void
    ) {
        guard outShape.product > 0 else { return }
        let sa = stretchedStrides(of: a, in: outShape)
        let sb = stretchedStrides(of: b, in: outShape)
        var sizes: [Int] = []
        var stridesA: [Int] = []
        var stridesB: [Int] = []
        for axis in outShape.indices where outShape[axis] != 1 {
            if let last = sizes.last, stridesA[stridesA.count - 1] == sa[axis] * outShape[axis],
               stridesB[stridesB.count - 1] == sb[axis] * outShape[axis] {
                sizes[sizes.count - 1] = last * outShape[axis]
                stridesA[stridesA.count - 1] = sa[axis]
                stridesB[stridesB.count - 1] = sb[axis]
            } else {
                sizes.append(outShape[axis])
                stridesA.append(sa[axis])
                stridesB.append(sb[axis])
            }
        }
        guard let length = sizes.popLast(), let stepA = stridesA.popLast(),
              let stepB = stridesB.popLast()
        else {
            body(0, 0, 0, 1, 0, 0)
            return
        }
        // An odometer over the outer axes, carrying both input offsets.
        var counter = [Int](repeating: 0, count: sizes.count)
        var offsetA = 0
        var offsetB = 0
        var outStart = 0
        while true {
            body(outStart, offsetA, offsetB, length, stepA, stepB)
            outStart += length
            var axis = sizes.count - 1
            while axis >= 0 {
                counter[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if counter[axis] < sizes[axis] { break }
                offsetA -= stridesA[axis] * sizes[axis]
                offsetB -= stridesB[axis] * sizes[axis]
                counter[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// The strides of `shape` seen in `outShape`: 0 along axes it is stretched over.
    private static func stretchedStrides(of shape: [Int], in outShape: [Int]) -> [Int] {
        let offset = outShape.count - shape.count
        let strides = Tensor.strides(of: shape)
        return outShape.indices.map { i in
            let axis = i - offset
            return axis >= 0 && shape[axis] != 1 ? strides[axis] : 0
        }
    }
}

extension Broadcasting {
    /// For each element of `outShape`, the index of the element of `shape` it reads.
    static func sourceIndices(of shape: [Int], in outShape: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: outShape.product)
        forEachRun(shape, outShape, in: outShape) { outStart, start, _, length, step, _ in
            for t in 0..<length { result[outStart + t] = start + t * step }
        }
        return result
    }
}
