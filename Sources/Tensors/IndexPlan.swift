/// Which elements of a tensor an index expression selects, and where they go.
///
/// Each selected input axis keeps a list of positions; the output is their cartesian product in
/// row-major order. Trailing axes taken whole form one contiguous block, so gathering copies
/// blocks, and `bases` holds the input offset of each block.
struct IndexPlan {
    /// The shape of the selection (with `at` axes removed and `newAxis` axes inserted).
    let outShape: [Int]
    /// The input offset at which each block starts, in output order.
    let bases: [Int]
    /// The number of contiguous elements copied per base.
    let block: Int

    /// Plans the selection of `positions[axis]` on every axis of `shape`.
    init(shape: [Int], positions: [[Int]], outShape: [Int]) {
        let strides = Tensor.strides(of: shape)
        var boundary = shape.count
        var block = 1
        while boundary > 0, IndexPlan.isRun(positions[boundary - 1], whole: shape[boundary - 1]) {
            boundary -= 1
            block *= shape[boundary]
        }
        // A run of consecutive positions on the next axis (`x[:, 2:5]`) extends the block too.
        var starts = positions
        if boundary > 0, let first = positions[boundary - 1].first,
           IndexPlan.isRun(positions[boundary - 1], from: first) {
            block *= positions[boundary - 1].count
            starts[boundary - 1] = [first]
        }
        var bases = [0]
        for axis in 0..<boundary {
            let step = strides[axis]
            var next: [Int] = []
            next.reserveCapacity(bases.count * starts[axis].count)
            for base in bases {
                for p in starts[axis] { next.append(base + p * step) }
            }
            bases = next
        }
        self.outShape = outShape
        self.bases = block == 0 ? [] : bases
        self.block = block
    }

    /// Resolves a numpy-style index expression against `shape`.
    /// - Throws: ``TensorError`` naming `op` for too many indices, an out-of-range position or a
    ///   zero step.
    init(_ indices: [TensorIndex], shape: [Int], op: String) throws {
        let consumed = indices.filter { $0 != .newAxis }.count
        guard consumed <= shape.count else {
            throw TensorError(
                op,
                "too many indices for shape \(shape): got \(consumed), expected at most \(shape.count)")
        }
        var positions: [[Int]] = []
        var outShape: [Int] = []
        for index in indices {
            let axis = positions.count
            switch index {
            case .newAxis:
                outShape.append(1)
            case .all:
                positions.append(Array(0..<shape[axis]))
                outShape.append(shape[axis])
            case .at(let i):
                positions.append([try IndexPlan.position(i, axis: axis, shape: shape, op: op)])
            case .range(let start, let end, let step):
                let selected = try IndexPlan.slice(
                    start: start, end: end, step: step, size: shape[axis], op: op)
                positions.append(selected)
                outShape.append(selected.count)
            }
        }
        for axis in positions.count..<shape.count {
            positions.append(Array(0..<shape[axis]))
            outShape.append(shape[axis])
        }
        self.init(shape: shape, positions: positions, outShape: outShape)
    }

    /// Index `i` (negative from the end) on `axis` as a position.
    /// - Throws: ``TensorError`` naming `op` when it is out of range.
    static func position(_ i: Int, axis: Int, shape: [Int], op: String) throws -> Int {
        let size = shape[axis]
        let p = i < 0 ? i + size : i
        guard p >= 0, p < size else {
            throw TensorError(
                op,
                "index \(i) is out of range for axis \(axis) of size \(size) (shape \(shape))")
        }
        return p
    }

    /// The positions of the Python slice `start:end:step` on an axis of `size` elements.
    static func slice(start: Int?, end: Int?, step: Int?, size: Int, op: String) throws -> [Int] {
        guard step != 0 else { throw TensorError(op, "slice step cannot be 0") }
        // Any step longer than the axis takes only the first position; limiting it keeps the
        // arithmetic below from overflowing.
        let step = Swift.max(Swift.min(step ?? 1, size + 1), -(size + 1))
        // Python's slice.indices: clip to [0, size] going forwards, [-1, size - 1] backwards.
        func clip(_ bound: Int?, default value: Int) -> Int {
            guard let bound else { return value }
            let b = bound < 0 ? bound + size : bound
            return step > 0 ? Swift.min(Swift.max(b, 0), size) : Swift.min(Swift.max(b, -1), size - 1)
        }
        let from = clip(start, default: step > 0 ? 0 : size - 1)
        let to = clip(end, default: step > 0 ? size : -1)
        return Array(stride(from: from, to: to, by: step))
    }

    /// Whether `positions` is `0..<whole` in order.
    private static func isRun(_ positions: [Int], whole size: Int) -> Bool {
        positions.count == size && isRun(positions, from: 0)
    }

    /// Whether `positions` is `start, start + 1, …` in order.
    private static func isRun(_ positions: [Int], from start: Int) -> Bool {
        positions.enumerated().allSatisfy { start + $0 == $1 }
    }

    /// The selected elements of `source`, in output order.
    func gather(_ source: [Float]) -> [Float] {
        let total = bases.count * block
        return source.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: total) { dst, initialized in
                for (i, base) in bases.enumerated() {
                    for j in 0..<block { dst[i * block + j] = src[base + j] }
                }
                initialized = total
            }
        }
    }

    /// Adds each element of `values` (in output order) into its source position of `target`.
    func scatterAdd(_ values: [Float], into target: inout [Float]) {
        values.withUnsafeBufferPointer { src in
            target.withUnsafeMutableBufferPointer { dst in
                for (i, base) in bases.enumerated() {
                    for j in 0..<block { dst[base + j] += src[i * block + j] }
                }
            }
        }
    }

    /// Writes each element of `values` (in output order) to its source position of `target`.
    func assign(_ values: [Float], into target: inout [Float]) {
        values.withUnsafeBufferPointer { src in
            target.withUnsafeMutableBufferPointer { dst in
                for (i, base) in bases.enumerated() {
                    for j in 0..<block { dst[base + j] = src[i * block + j] }
                }
            }
        }
    }
}
