/// Pads a tensor with a constant: `pads[i]` elements before and after along an axis.
///
/// Pads apply to the trailing axes when there are fewer pairs than axes (the first pair to the
/// first of those axes), so `[(1, 1), (2, 2)]` pads the height and width of an `N×C×H×W` batch.
/// Differentiable: the gradient is the interior of the output gradient.
///
/// ```swift
/// let x = try Tensor(shape: [1, 2], scalars: [1, 2])
/// try padded(x, [(before: 0, after: 1), (before: 1, after: 0)])     // [[0, 1, 2], [0, 0, 0]]
/// ```
/// - Throws: ``TensorError`` when there are more pairs than axes or a pad is negative.
public func padded(
    _ x: Tensor, _ pads: [(before: Int, after: Int)], value: Float = 0
) throws -> Tensor {
    let padding = try Padding(x.shape, pads)
    let out = padding.forward(x.scalars, value: value)
    return Tensor.record(out, inputs: [x]) { grad in [padding.backward(grad.scalars)] }
}

/// Where each row of the input (a run along its last axis) lands in the padded output.
struct Padding {
    let inputShape: [Int], outShape: [Int]
    private let outStrides: [Int]
    /// Elements before the data, per axis of the input (0 for axes without a pad).
    let before: [Int]

    init(_ shape: [Int], _ pads: [(before: Int, after: Int)]) throws {
        guard pads.count <= shape.count else {
            throw TensorError(
                "padded",
                "\(pads.count) pad pairs for a tensor of rank \(shape.count) (shape \(shape))")
        }
        if let bad = pads.firstIndex(where: { $0.before < 0 || $0.after < 0 }) {
            let axis = shape.count - pads.count + bad
            let (before, after) = pads[bad]
            throw TensorError(
                "padded", "pads must be non-negative, got (\(before), \(after)) for axis \(axis)")
        }
        let untouched = shape.count - pads.count
        inputShape = shape
        before = [Int](repeating: 0, count: untouched) + pads.map(\.before)
        outShape = shape.indices.map { axis in
            axis < untouched
                ? shape[axis]
                : shape[axis] + pads[axis - untouched].before
                    + pads[axis - untouched].after
        }
        outStrides = Tensor.strides(of: outShape)
    }

    /// Length of a row (the last axis), and the number of rows.
    private var rowLength: Int { inputShape.last ?? 1 }
    private var rowCount: Int { inputShape.dropLast().product }

    /// The output offset of the start of input row `row`.
    private func outOffset(ofRow row: Int) -> Int {
        guard let last = inputShape.indices.last else { return 0 }
        var rest = row
        var offset = before[last]
        for axis in stride(from: last - 1, through: 0, by: -1) {
            let (quotient, index) = rest.quotientAndRemainder(dividingBy: inputShape[axis])
            offset += (index + before[axis]) * outStrides[axis]
            rest = quotient
        }
        return offset
    }

    /// Rows per parallel chunk: enough elements to be worth a thread hop.
    private var grain: Int { max(1, 16384 / max(rowLength, 1)) }

    func forward(_ input: [Float], value: Float) -> Tensor {
        var out = [Float](repeating: value, count: outShape.product)
        guard !input.isEmpty else { return Tensor(unchecked: outShape, out) }
        let length = rowLength
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                let (x, o) = (SharedBuffer(x), SharedBuffer(o))
                Parallel.forEach(rowCount, grain: grain) { range in
                    for row in range {
                        let target = outOffset(ofRow: row)
                        for i in 0..<length { o[target + i] = x[row * length + i] }
                    }
                }
            }
        }
        return Tensor(unchecked: outShape, out)
    }

    /// The part of the output gradient that lies over the input.
    func backward(_ grad: [Float]) -> Tensor {
        var gradInput = [Float](repeating: 0, count: inputShape.product)
        guard !gradInput.isEmpty else { return Tensor(unchecked: inputShape, gradInput) }
        let length = rowLength
        grad.withUnsafeBufferPointer { g in
            gradInput.withUnsafeMutableBufferPointer { gx in
                let (g, gx) = (SharedBuffer(g), SharedBuffer(gx))
                Parallel.forEach(rowCount, grain: grain) { range in
                    for row in range {
                        let source = outOffset(ofRow: row)
                        for i in 0..<length { gx[row * length + i] = g[source + i] }
                    }
                }
            }
        }
        return Tensor(unchecked: inputShape, gradInput)
    }
}
