// Element-wise comparisons with broadcasting. Each returns 1 where the relation holds and 0
// elsewhere; they are not differentiable (their results carry no gradient).

/// 1 where `a == b`, else 0.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func equal(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try Tensor.zipBroadcast(a, b, op: "equal") { $0 == $1 ? 1 : 0 }
}

/// 1 where `a != b`, else 0.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func notEqual(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try Tensor.zipBroadcast(a, b, op: "notEqual") { $0 != $1 ? 1 : 0 }
}

/// 1 where `a < b`, else 0.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func less(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try Tensor.zipBroadcast(a, b, op: "less") { $0 < $1 ? 1 : 0 }
}

/// 1 where `a <= b`, else 0.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func lessEqual(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try Tensor.zipBroadcast(a, b, op: "lessEqual") { $0 <= $1 ? 1 : 0 }
}

/// 1 where `a > b`, else 0.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func greater(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try Tensor.zipBroadcast(a, b, op: "greater") { $0 > $1 ? 1 : 0 }
}

/// 1 where `a >= b`, else 0.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func greaterEqual(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try Tensor.zipBroadcast(a, b, op: "greaterEqual") { $0 >= $1 ? 1 : 0 }
}

/// Picks from `a` where `condition` is non-zero and from `b` elsewhere, broadcasting all three
/// (numpy's `where`; Swift needs backticks to call it: `` `where`(mask, a, b) ``).
///
/// Differentiable in `a` and `b`: each receives the output gradient where it was picked.
/// - Throws: ``TensorError`` when the three shapes cannot be broadcast together.
public func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
    let shape = try Broadcasting.shape(
        try Broadcasting.shape(condition.shape, a.shape, op: "where"), b.shape, op: "where")
    let mask = condition.broadcast(to: shape)
    let out = Tensor.zipped(mask, a.broadcast(to: shape), b.broadcast(to: shape)) {
        $0 != 0 ? $1 : $2
    }
    return Tensor.record(out, inputs: [a, b]) { g in
        let ga = Tensor.zipped(g, mask) { g, m in m != 0 ? g : 0 }
        let gb = Tensor.zipped(g, mask) { g, m in m != 0 ? 0 : g }
        return [ga.summed(toShape: a.shape), gb.summed(toShape: b.shape)]
    }
}
