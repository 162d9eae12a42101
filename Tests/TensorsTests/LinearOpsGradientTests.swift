import Testing

@testable import Tensors

/// Value checks shared by the suites of the BLAS-backed and image ops.
enum LinearOpsCheck {
    /// The largest absolute difference between two arrays (infinity when their sizes differ).
    static func maxError(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}

/// The relative error between the gradient that `backward()` gives for `inputs[index]` and central
/// differences, for the loss `Σ op(inputs) · r` with fixed random weights `r` (so every output
/// element's gradient matters). The loss is summed in Double to keep rounding out of the quotient.
private func gradientError(
    _ inputs: [Tensor], wrt index: Int, step: Float = 1e-2, _ op: ([Tensor]) throws -> Tensor
) throws -> Float {
    let shape = try withNoGrad { try op(inputs) }.shape
    var rng = Random(seed: 99)
    let weights = rng.normal(shape)

    let parameter = Parameter(inputs[index])
    var tracked = inputs
    tracked[index] = parameter.tensor
    try (op(tracked) * weights).summed(toShape: []).backward()
    let analytic = try #require(parameter.grad).scalars

    func loss(_ x: Tensor) throws -> Double {
        var args = inputs
        args[index] = x
        let y = try withNoGrad { try op(args) }
        return zip(y.scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    var numeric = [Float](repeating: 0, count: inputs[index].count)
    for i in numeric.indices {
        var plus = inputs[index].scalars
        var minus = plus
        plus[i] += step
        minus[i] -= step
        let shape = inputs[index].shape
        let difference =
            try loss(Tensor(shape: shape, scalars: plus))
            - loss(Tensor(shape: shape, scalars: minus))
        numeric[i] = Float(difference / (Double(plus[i]) - Double(minus[i])))
    }
    let scale = max(numeric.map(abs).max() ?? 0, 1e-3)
    return LinearOpsCheck.maxError(analytic, numeric) / scale
}

/// Finite-difference checks of every linear and image op with respect to each of its inputs.
@Suite struct LinearOpsGradientTests {
    /// Relative error allowed: the ops are linear in each input, so only rounding remains.
    let tolerance: Float = 1e-3

    @Test func testGradient_matmulMatrices() throws {
        var rng = Random(seed: 1)
        let inputs = [rng.normal([3, 4]), rng.normal([4, 5])]
        for index in 0..<2 {
            #expect(try gradientError(inputs, wrt: index) { try matmul($0[0], $0[1]) } < tolerance)
        }
    }

    @Test func testGradient_matmulBroadcastBatch() throws {
        var rng = Random(seed: 2)
        let inputs = [rng.normal([2, 1, 2, 3]), rng.normal([3, 3, 2])]
        for index in 0..<2 {
            #expect(try gradientError(inputs, wrt: index) { try matmul($0[0], $0[1]) } < tolerance)
        }
    }

    @Test func testGradient_matmulBatchTimesMatrix() throws {
        var rng = Random(seed: 3)
        let inputs = [rng.normal([2, 3, 4]), rng.normal([4, 2])]
        for index in 0..<2 {
            #expect(try gradientError(inputs, wrt: index) { try matmul($0[0], $0[1]) } < tolerance)
        }
    }

    @Test func testGradient_matmulVectors() throws {
        var rng = Random(seed: 4)
        let vectorMatrix = [rng.normal([3]), rng.normal([2, 3, 4])]
        let matrixVector = [rng.normal([2, 3]), rng.normal([3])]
        let dot = [rng.normal([5]), rng.normal([5])]
        for inputs in [vectorMatrix, matrixVector, dot] {
            for index in 0..<2 {
                #expect(
                    try gradientError(inputs, wrt: index) { try matmul($0[0], $0[1]) } < tolerance)
            }
        }
    }

    @Test func testGradient_conv2d() throws {
        var rng = Random(seed: 5)
        let inputs = [rng.normal([2, 2, 5, 5]), rng.normal([3, 2, 3, 3]), rng.normal([3])]
        for index in 0..<3 {
            let error = try gradientError(inputs, wrt: index) {
                try conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1)
            }
            #expect(error < tolerance, "input \(index)")
        }
    }

    @Test func testGradient_conv2dUnbatchedWithoutBias() throws {
        var rng = Random(seed: 6)
        let inputs = [rng.normal([2, 4, 5]), rng.normal([2, 2, 2, 3])]
        for index in 0..<2 {
            let error = try gradientError(inputs, wrt: index) {
                try conv2d($0[0], weight: $0[1], bias: nil, padding: 1)
            }
            #expect(error < tolerance, "input \(index)")
        }
    }

    @Test func testGradient_conv2dPointwiseAndWideRows() throws {
        // A 1×1 kernel (the image is its own column matrix), then rows wider than eight.
        var rng = Random(seed: 9)
        for (kernel, padding) in [(1, 0), (3, 1)] {
            let inputs = [rng.normal([2, 2, 3, 10]), rng.normal([2, 2, kernel, kernel]), rng.normal([2])]
            for index in 0..<3 {
                let error = try gradientError(inputs, wrt: index) {
                    try conv2d($0[0], weight: $0[1], bias: $0[2], padding: padding)
                }
                #expect(error < tolerance, "kernel \(kernel), input \(index)")
            }
        }
    }

    @Test func testGradient_maxPool2dHalving() throws {
        // 2×2 windows at stride 2 take their own path; an odd size leaves a row and column out.
        var rng = Random(seed: 10)
        let values = rng.permutation(2 * 2 * 5 * 7).map { Float($0) * 0.1 - 7 }
        let x = try Tensor(shape: [2, 2, 5, 7], scalars: values)
        let error = try gradientError([x], wrt: 0) { try maxPool2d($0[0], kernel: 2) }
        #expect(error < tolerance)
    }

    @Test func testGradient_maxPool2dOverlappingPadded() throws {
        // Distinct values 0.1 apart: a step of 0.01 never changes which element wins a window.
        var rng = Random(seed: 7)
        let values = rng.permutation(2 * 2 * 5 * 5).map { Float($0) * 0.1 - 5 }
        let x = try Tensor(shape: [2, 2, 5, 5], scalars: values)
        let error = try gradientError([x], wrt: 0) {
            try maxPool2d($0[0], kernel: 3, stride: 2, padding: 1)
        }
        #expect(error < tolerance)
    }

    @Test func testGradient_avgPool2dOverlappingPadded() throws {
        var rng = Random(seed: 8)
        let error = try gradientError([rng.normal([2, 2, 5, 5])], wrt: 0) {
            try avgPool2d($0[0], kernel: 3, stride: 2, padding: 1)
        }
        #expect(error < tolerance)
    }

    @Test func testGradient_resizedBilinearDownAndUp() throws {
        var rng = Random(seed: 9)
        let x = rng.normal([1, 2, 4, 5])
        for (height, width) in [(3, 2), (7, 9)] {
            let error = try gradientError([x], wrt: 0) {
                try resizedBilinear($0[0], height: height, width: width)
            }
            #expect(error < tolerance, "\(height)×\(width)")
        }
    }

    @Test func testGradient_padded() throws {
        var rng = Random(seed: 10)
        let error = try gradientError([rng.normal([2, 3, 4])], wrt: 0) {
            try padded($0[0], [(before: 1, after: 0), (before: 2, after: 1)], value: 3)
        }
        #expect(error < tolerance)
    }

    @Test func testGradient_checkerCatchesAWrongGradient() throws {
        // A pullback that forgets a factor of 2 must fail the same tolerance.
        var rng = Random(seed: 11)
        let error = try gradientError([rng.normal([3, 3])], wrt: 0) { inputs in
            let x = inputs[0]
            let doubled = Tensor(unchecked: x.shape, x.scalars.map { 2 * $0 })
            return Tensor.record(doubled, inputs: [x]) { g in [g] }
        }
        #expect(error > 0.4)
    }
}

@Suite struct LinearMapTests {
    @Test func testLinear_valuesAndErrors() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1, 0, -1, 2, 1, 0])
        let w = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let y = try linear(x, weight: w, bias: Tensor([0.5, -1]))
        #expect(y.scalars == [-1.5, -3, 4.5, 12])
        #expect(throws: TensorError("linear", "input [2, 3] and weight [3, 2] do not fit (expected input …×in and weight out×in)")) {
            try linear(x, weight: try Tensor(shape: [3, 2], scalars: w.scalars), bias: nil)
        }
    }

    @Test func testLinear_gradientsMatchFiniteDifferences() throws {
        var rng = Random(seed: 11)
        let x = rng.normal([3, 4])
        let w = rng.normal([2, 4])
        let b = rng.normal([2])
        for index in 0..<3 {
            #expect(try gradientError([x, w, b], wrt: index) { try linear($0[0], weight: $0[1], bias: $0[2]) } < 1e-3)
        }
    }
}
