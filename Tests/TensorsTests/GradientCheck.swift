import Testing
@testable import Tensors

/// Checks reverse-mode gradients against central finite differences.
///
/// The op's output is reduced to a scalar with fixed random weights (so every output element
/// matters, each differently), differentiated with `backward()`, and compared with
/// `(L(x + h) - L(x - h)) / 2h` for every input element, the loss summed in Float64.
/// Each analytic component must lie within `tolerance` of the numeric one, relative to its own
/// size plus a tenth of the largest component (so tiny components are not held to a tighter
/// standard than the rounding noise of the evaluation allows).
///
/// Smooth functions evaluated in Float need a step around 1e-2; points must stay further than
/// the step from kinks (relu at 0, ties of max).
enum GradientCheck {
    static func check(
        _ inputs: [Tensor], step: Float = 1e-2, tolerance: Double = 1e-2,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ f: ([Tensor]) throws -> Tensor
    ) throws {
        let parameters = inputs.map { Parameter($0) }
        let output = try f(parameters.map(\.tensor))
        var rng = Random(seed: 1234)
        let weights = rng.uniform(output.shape, low: -1.5, high: 1.5)
        try (output * weights).sum().backward()

        func loss(_ values: [Tensor]) throws -> Double {
            let out = try withNoGrad { try f(values) }
            return zip(out.scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }

        var numeric: [[Double]] = []
        for (k, input) in inputs.enumerated() {
            var gradient: [Double] = []
            for i in 0..<input.count {
                var plus = input.scalars
                var minus = input.scalars
                plus[i] += step
                minus[i] -= step
                var values = inputs
                values[k] = try Tensor(shape: input.shape, scalars: plus)
                let up = try loss(values)
                values[k] = try Tensor(shape: input.shape, scalars: minus)
                let down = try loss(values)
                gradient.append((up - down) / Double(plus[i] - minus[i]))
            }
            numeric.append(gradient)
        }

        let scale = numeric.flatMap { $0 }.map(Swift.abs).max() ?? 0
        for (k, parameter) in parameters.enumerated() {
            guard let grad = parameter.grad else {
                Issue.record("input \(k): no gradient reached it", sourceLocation: sourceLocation)
                continue
            }
            guard grad.shape == inputs[k].shape else {
                Issue.record(
                    "input \(k): gradient shape \(grad.shape), expected \(inputs[k].shape)",
                    sourceLocation: sourceLocation)
                continue
            }
            for (i, (a, n)) in zip(grad.scalars, numeric[k]).enumerated() {
                let error = Swift.abs(Double(a) - n)
                if error > tolerance * (Swift.abs(n) + 0.1 * scale) + 1e-5 {
                    Issue.record(
                        "input \(k) element \(i): analytic \(a), numeric \(n)",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// Checks the gradient of a one-input op.
    static func check(
        _ input: Tensor, step: Float = 1e-2, tolerance: Double = 1e-2,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ f: (Tensor) throws -> Tensor
    ) throws {
        try check([input], step: step, tolerance: tolerance, sourceLocation: sourceLocation) {
            try f($0[0])
        }
    }
}

/// Expects `tensor` to have `shape` and elements within `tolerance` of `expected`.
func expectClose(
    _ tensor: Tensor, _ expected: [Float], shape: [Int]? = nil, tolerance: Float = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let shape {
        #expect(tensor.shape == shape, sourceLocation: sourceLocation)
    }
    #expect(tensor.count == expected.count, sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(tensor.scalars, expected).enumerated() {
        let close = a == e || (a.isNaN && e.isNaN)
            || Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e))
        if !close {
            Issue.record("element \(i): got \(a), expected \(e)", sourceLocation: sourceLocation)
        }
    }
}

/// A tensor from a shape and its row-major values.
func tensor(_ shape: [Int], _ values: [Float]) throws -> Tensor {
    try Tensor(shape: shape, scalars: values)
}

/// A self-check of the checker: a gradient deliberately off by 3% must be caught.
@Suite struct GradientCheckTests {
    @Test func testGradientCheck_catchesWrongGradient() throws {
        let x = Tensor([0.5, 1, 2])
        // y = x^2 with a pullback that claims 2.06x.
        func wrongSquare(_ t: Tensor) -> Tensor {
            let out = Tensor(unchecked: t.shape, t.scalars.map { $0 * $0 })
            return Tensor.record(out, inputs: [t]) { g in [try g * (t * 2.06)] }
        }
        withKnownIssue {
            try GradientCheck.check(x, wrongSquare)
        }
        try GradientCheck.check(x) { $0.square() }
    }
}
