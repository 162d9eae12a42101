/// The affine map of a linear layer, `x · weightᵀ + bias` (PyTorch's `F.linear`), in one GEMM
/// with the bias folded in, and gradients by GEMMs with transposition flags (no copies).
///
/// `x` is `…×in`, `weight` is `out×in`, `bias` is `out`; the result is `…×out`.
/// - Throws: ``TensorError`` when the shapes do not fit.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
    guard weight.rank == 2, x.rank >= 1, x.shape[x.rank - 1] == weight.shape[1] else {
        throw TensorError(
            "linear", "input \(x.shape) and weight \(weight.shape) do not fit (expected input …×in and weight out×in)")
    }
    let (outputs, inputs) = (weight.shape[0], weight.shape[1])
    if let bias, bias.shape != [outputs] {
        throw TensorError("linear", "bias has shape \(bias.shape), expected [\(outputs)]")
    }
    let rows = x.count / max(inputs, 1)
    var out = [Float](repeating: 0, count: rows * outputs)
    if let bias {
        for r in 0..<rows { for j in 0..<outputs { out[r * outputs + j] = bias.scalars[j] } }
    }
    x.scalars.withUnsafeBufferPointer { px in
        weight.scalars.withUnsafeBufferPointer { pw in
            out.withUnsafeMutableBufferPointer { po in
                MatrixProduct.gemm(
                    transB: true, m: rows, n: outputs, k: inputs, px, lda: inputs, pw, ldb: inputs, po,
                    ldc: outputs, accumulate: bias != nil)
            }
        }
    }
    let result = Tensor(unchecked: Array(x.shape.dropLast()) + [outputs], out)
    let (xValues, wValues) = (x.scalars, weight.scalars)
    let (xShape, wShape) = (x.shape, weight.shape)
    let (needX, needW) = (x.isTracked, weight.isTracked)
    return Tensor.record(result, inputs: [x, weight] + (bias.map { [$0] } ?? [])) { grad in
        var grads: [Tensor?] = [nil, nil]
        grad.scalars.withUnsafeBufferPointer { pg in
            if needX {
                var dx = [Float](repeating: 0, count: rows * inputs)
                wValues.withUnsafeBufferPointer { pw in
                    dx.withUnsafeMutableBufferPointer { pd in
                        MatrixProduct.gemm(
                            m: rows, n: inputs, k: outputs, pg, lda: outputs, pw, ldb: inputs, pd, ldc: inputs)
                    }
                }
                grads[0] = Tensor(unchecked: xShape, dx)
            }
            if needW {
                var dw = [Float](repeating: 0, count: outputs * inputs)
                xValues.withUnsafeBufferPointer { px in
                    dw.withUnsafeMutableBufferPointer { pd in
                        MatrixProduct.gemm(
                            transA: true, m: outputs, n: inputs, k: rows, pg, lda: outputs, px, ldb: inputs,
                            pd, ldc: inputs)
                    }
                }
                grads[1] = Tensor(unchecked: wShape, dw)
            }
        }
        if bias != nil {
            var db = [Float](repeating: 0, count: outputs)
            grad.scalars.withUnsafeBufferPointer { pg in
                for r in 0..<rows { for j in 0..<outputs { db[j] += pg[r * outputs + j] } }
            }
            grads.append(Tensor(unchecked: [outputs], db))
        }
        return grads
    }
}
