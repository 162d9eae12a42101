import Testing
@testable import Tensors

@Suite struct ElementWiseTests {
    let x = Tensor([-2, -0.5, 0, 1, 3])
    /// Points at least 0.1 away from every kink, for gradient checks.
    let smooth = Tensor([-1.3, -0.4, 0.2, 0.9, 2.1])
    let positive = Tensor([0.3, 0.8, 1.5, 2.7])

    @Test func testElementWise_unaryValues() {
        expectClose(x.exp(), [0.13533528, 0.60653067, 1, 2.7182820, 20.085537])
        expectClose(x.tanh(), [-0.96402758, -0.46211720, 0, 0.76159418, 0.99505478])
        expectClose(x.sigmoid(), [0.11920292, 0.37754068, 0.5, 0.73105860, 0.95257413])
        expectClose(x.softplus(), [0.12692802, 0.47407699, 0.69314718, 1.3132616, 3.0485873])
        expectClose(x.relu(), [0, 0, 0, 1, 3])
        expectClose(x.abs(), [2, 0.5, 0, 1, 3])
        expectClose(x.square(), [4, 0.25, 0, 1, 9])
        let y = Tensor([0.25, 1, 4])
        expectClose(y.log(), [-1.3862944, 0, 1.3862944])
        expectClose(y.sqrt(), [0.5, 1, 2])
        expectClose(y.pow(1.5), [0.125, 1, 8])
        expectClose(y.pow(0), [1, 1, 1])
    }

    @Test func testElementWise_reluElementByElement() throws {
        // 19 values: two full groups of eight and a tail; NaN stays NaN, −0 becomes 0, and the
        // gradient passes exactly where the input is positive.
        var rng = Random(seed: 3)
        var values = rng.normal([19]).scalars
        values[4] = .nan
        values[9] = -0.0
        values[17] = 0
        let x = Parameter(Tensor(values))
        let y = x.tensor.relu()
        for (v, r) in zip(values, y.scalars) {
            if v.isNaN { #expect(r.isNaN) } else { #expect(r.bitPattern == Swift.max(v, 0).bitPattern) }
        }
        let g = rng.normal([19])
        try (y * g).sum().backward()
        #expect(x.grad?.scalars == zip(values, g.scalars).map { $0 > 0 ? $1 : 0 })
    }

    @Test func testElementWise_freeFunctionsMatchMethods() {
        #expect(exp(x).scalars == x.exp().scalars)
        #expect(tanh(x).scalars == x.tanh().scalars)
        #expect(sigmoid(x).scalars == x.sigmoid().scalars)
        #expect(relu(x).scalars == x.relu().scalars)
        #expect(softplus(x).scalars == x.softplus().scalars)
        #expect(abs(x).scalars == x.abs().scalars)
        #expect(square(x).scalars == x.square().scalars)
        #expect(log(positive).scalars == positive.log().scalars)
        #expect(sqrt(positive).scalars == positive.sqrt().scalars)
        #expect(pow(positive, 3).scalars == positive.pow(3).scalars)
    }

    @Test func testElementWise_stableAtExtremes() {
        let big = Tensor([-100, 100])
        // e^-100 is a subnormal in Float: the small ends must be tiny and positive, not NaN.
        expectClose(big.sigmoid(), [0, 1])
        expectClose(big.softplus(), [0, 100])
        #expect(big.sigmoid().scalars[0] > 0 && big.softplus().scalars[0] > 0)
        #expect(!big.sigmoid().containsNaN && !big.softplus().containsNaN)
        #expect(Tensor([1, .nan]).containsNaN)
    }

    @Test func testElementWise_clamped() throws {
        expectClose(try x.clamped(min: -1, max: 2), [-1, -0.5, 0, 1, 2])
        expectClose(try x.clamped(min: 0), [0, 0, 0, 1, 3])
        expectClose(try x.clamped(max: 0.5), [-2, -0.5, 0, 0.5, 0.5])
        #expect(throws: TensorError("clamped", "min 3.0 is greater than max 1.0")) {
            try x.clamped(min: 3, max: 1)
        }
    }

    @Test func testElementWise_scalarOperatorsBothOrders() {
        let t = Tensor([1, 2, 4])
        expectClose(t + 1, [2, 3, 5])
        expectClose(1 + t, [2, 3, 5])
        expectClose(t - 1, [0, 1, 3])
        expectClose(1 - t, [0, -1, -3])
        expectClose(t * 3, [3, 6, 12])
        expectClose(3 * t, [3, 6, 12])
        expectClose(t / 2, [0.5, 1, 2])
        expectClose(2 / t, [2, 1, 0.5])
        expectClose(-t, [-1, -2, -4])
    }

    @Test func testElementWise_powBroadcasts() throws {
        let a = try tensor([2, 2], [1, 2, 3, 4])
        expectClose(try a.pow(Tensor([2, 0.5])), [1, 1.4142135, 9, 2], shape: [2, 2])
        expectClose(try pow(a, Tensor(2)), [1, 4, 9, 16], shape: [2, 2])
        #expect(
            throws: TensorError("pow", "shapes [2, 2] and [3] cannot be broadcast (axis 1: 2 vs 3)")
        ) { try a.pow(Tensor([1, 2, 3])) }
    }

    @Test func testElementWise_unaryGradients() throws {
        try GradientCheck.check(smooth) { $0.exp() }
        try GradientCheck.check(smooth) { $0.tanh() }
        try GradientCheck.check(smooth) { $0.sigmoid() }
        try GradientCheck.check(smooth) { $0.relu() }
        try GradientCheck.check(smooth) { $0.abs() }
        try GradientCheck.check(smooth) { $0.softplus() }
        try GradientCheck.check(smooth) { $0.square() }
        try GradientCheck.check(smooth) { $0.negated() }
        try GradientCheck.check(smooth) { try $0.clamped(min: -1, max: 1.5) }
        try GradientCheck.check(positive) { $0.log() }
        try GradientCheck.check(positive) { $0.sqrt() }
        try GradientCheck.check(positive) { $0.pow(3) }
        try GradientCheck.check(positive) { $0.pow(-0.5) }
        try GradientCheck.check(positive) { $0.pow(0) }
    }

    @Test func testElementWise_scalarOperatorGradients() throws {
        try GradientCheck.check(positive) { $0 + 2 }
        try GradientCheck.check(positive) { 2 + $0 }
        try GradientCheck.check(positive) { $0 - 2 }
        try GradientCheck.check(positive) { 2 - $0 }
        try GradientCheck.check(positive) { $0 * 3 }
        try GradientCheck.check(positive) { 3 * $0 }
        try GradientCheck.check(positive) { $0 / 4 }
        try GradientCheck.check(positive) { 2 / $0 }
        try GradientCheck.check(positive) { -$0 }
    }

    @Test func testElementWise_broadcastArithmeticGradients() throws {
        var rng = Random(seed: 5)
        let a = rng.normal([2, 3])
        let row = rng.normal([3])
        let column = rng.normal([2, 1])
        let denominator = rng.uniform([1, 3], low: 1, high: 2)
        try GradientCheck.check([a, row]) { try $0[0] + $0[1] }
        try GradientCheck.check([column, row]) { try $0[0] + $0[1] }
        try GradientCheck.check([a, row]) { try $0[0] - $0[1] }
        try GradientCheck.check([column, a]) { try $0[0] - $0[1] }
        try GradientCheck.check([a, row]) { try $0[0] * $0[1] }
        try GradientCheck.check([column, row]) { try $0[0] * $0[1] }
        try GradientCheck.check([a, denominator]) { try $0[0] / $0[1] }
        try GradientCheck.check([a, Tensor(1.5)]) { try $0[0] / $0[1] }
    }

    @Test func testElementWise_powTensorGradient() throws {
        let base = try tensor([2, 2], [0.5, 1.2, 2, 3])
        let exponent = Tensor([1.5, -0.7])
        try GradientCheck.check([base, exponent]) { try $0[0].pow($0[1]) }
        try GradientCheck.check([Tensor(2), exponent]) { try $0[0].pow($0[1]) }
    }
}
