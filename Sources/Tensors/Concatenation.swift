/// Joins tensors along an existing axis: shapes must agree everywhere except on `axis`.
///
/// ```swift
/// try concatenate([a, b], axis: 1)   // [2, 3] and [2, 4] give [2, 7]
/// ```
/// - Throws: ``TensorError`` when the list is empty, the ranks differ, the axis is out of range,
///   or the shapes differ outside `axis`.
public func concatenate(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
        throw TensorError("concatenate", "expected at least one tensor, got none")
    }
    let a = try Axis.normalized(axis, shape: first.shape, op: "concatenate")
    for (k, t) in tensors.enumerated() {
        guard t.rank == first.rank else {
            throw TensorError(
                "concatenate",
                "tensor \(k) has shape \(t.shape), expected rank \(first.rank) like tensor 0 "
                    + "(\(first.shape))")
        }
        for i in t.shape.indices where i != a && t.shape[i] != first.shape[i] {
            throw TensorError(
                "concatenate",
                "tensor \(k) has shape \(t.shape), expected \(first.shape) outside axis \(a) "
                    + "like tensor 0")
        }
    }
    var outShape = first.shape
    outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
    let outer = Array(first.shape[..<a]).product
    let chunks = tensors.map { $0.count / Swift.max(outer, 1) }
    let joined = Tensor.interleave(tensors.map(\.scalars), chunks: chunks, outer: outer)
    let out = Tensor(unchecked: outShape, joined)
    return Tensor.record(out, inputs: tensors) { g in
        Tensor.split(g.scalars, chunks: chunks, outer: outer).enumerated().map { k, part in
            Tensor(unchecked: tensors[k].shape, part)
        }
    }
}

/// Joins tensors of one shape along a new axis at position `axis` (`-rank-1...rank`).
///
/// ```swift
/// try stack([a, b], axis: 0)   // two [3] vectors give [2, 3]
/// ```
/// - Throws: ``TensorError`` when the list is empty, the shapes differ or the axis is out of range.
public func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
        throw TensorError("stack", "expected at least one tensor, got none")
    }
    for (k, t) in tensors.enumerated() where t.shape != first.shape {
        throw TensorError(
            "stack", "tensor \(k) has shape \(t.shape), expected \(first.shape) like tensor 0")
    }
    let a = try Axis.insertion(axis, shape: first.shape, op: "stack")
    return try concatenate(try tensors.map { try $0.expandingDims(at: a) }, axis: a)
}

extension Tensor {
    /// For each of `outer` rows, the next `chunks[k]` elements of each part `k`, in order.
    static func interleave(_ parts: [[Float]], chunks: [Int], outer: Int) -> [Float] {
        let row = chunks.reduce(0, +)
        let total = row * outer
        return [Float](unsafeUninitializedCapacity: total) { dst, initialized in
            var offset = 0
            for (part, chunk) in zip(parts, chunks) where chunk > 0 {
                part.withUnsafeBufferPointer { src in
                    for o in 0..<outer {
                        let from = UnsafeBufferPointer(rebasing: src[(o * chunk)..<((o + 1) * chunk)])
                        _ = UnsafeMutableBufferPointer(rebasing: dst[(o * row + offset)...])
                            .initialize(fromContentsOf: from)
                    }
                }
                offset += chunk
            }
            initialized = total
        }
    }

    /// The inverse of ``interleave(_:chunks:outer:)``: the parts of `whole`.
    static func split(_ whole: [Float], chunks: [Int], outer: Int) -> [[Float]] {
        let row = chunks.reduce(0, +)
        var offset = 0
        return whole.withUnsafeBufferPointer { src in
            chunks.map { chunk in
                defer { offset += chunk }
                return [Float](unsafeUninitializedCapacity: chunk * outer) { dst, initialized in
                    for o in 0..<outer where chunk > 0 {
                        let from = UnsafeBufferPointer(
                            rebasing: src[(o * row + offset)..<(o * row + offset + chunk)])
                        _ = UnsafeMutableBufferPointer(rebasing: dst[(o * chunk)...])
                            .initialize(fromContentsOf: from)
                    }
                    initialized = chunk * outer
                }
            }
        }
    }
}
