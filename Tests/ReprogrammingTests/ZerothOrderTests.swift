import Foundation
import Learning
import ModelHub
import Tensors
import Testing

@testable import Reprogramming

@Suite struct ZerothOrderTests {
    /// ℓ(θ) = Σ_k a_k (θ_k − c_k)² over a 30-vector, and its gradient.
    struct Quadratic {
        let a = (0..<30).map { 0.5 + Float($0 % 7) * 0.2 }
        let c = (0..<30).map { Float($0 % 5) * 0.3 - 0.6 }

        func loss(_ theta: Tensor) -> Double {
            theta.scalars.indices.reduce(0.0) { $0 + Double(a[$1] * (theta.scalars[$1] - c[$1]) * (theta.scalars[$1] - c[$1])) }
        }

        func gradient(_ theta: Tensor) -> [Float] { theta.scalars.indices.map { 2 * a[$0] * (theta.scalars[$0] - c[$0]) } }
    }

    let active = Array(stride(from: 0, to: 30, by: 3)) + Array(stride(from: 1, to: 30, by: 3))

    @Test func testRGF_pointsAlongTheGradientOfAQuadratic() throws {
        let q = Quadratic()
        let theta = try Tensor(shape: [30], scalars: (0..<30).map { Float($0 % 4) * 0.5 })
        var rng = Random(seed: 4)
        var calls = 0
        let (estimate, loss) = try ZerothOrder.rgf(
            theta: theta, active: active, directions: 50, smoothing: 0.001, rng: &rng
        ) { points in
            calls += 1
            #expect(points.count == 51)
            return points.map(q.loss)
        }
        #expect(calls == 1)
        #expect(abs(loss - q.loss(theta)) < 1e-9)
        let truth = q.gradient(theta)
        let masked = truth.indices.map { active.contains($0) ? truth[$0] : 0 }
        #expect(cosine(estimate.scalars, masked) > 0.5)
        for k in 0..<30 where !active.contains(k) { #expect(estimate.scalars[k] == 0) }
    }

    @Test func testRGF_dimensionScalingMakesTheScaleRight() throws {
        // For a linear loss E[d (u·g) u] = g: the mean of many estimates matches g in size.
        let g = (0..<20).map { Float($0 % 3) - 1 }
        let theta = try Tensor.zeros([20])
        var rng = Random(seed: 5)
        let (estimate, _) = try ZerothOrder.rgf(
            theta: theta, active: Array(0..<20), directions: 4000, smoothing: 0.01, rng: &rng
        ) { points in
            points.map { p in p.scalars.indices.reduce(0.0) { $0 + Double(g[$1] * p.scalars[$1]) } }
        }
        #expect(cosine(estimate.scalars, g) > 0.95)
        let ratio = estimate.scalars.reduce(0) { $0 + $1 * $1 } / g.reduce(0) { $0 + $1 * $1 }
        #expect(ratio > 0.8 && ratio < 1.4)
    }

    @Test func testSPSA_pointsAlongTheGradientOfAQuadratic() throws {
        let q = Quadratic()
        let theta = try Tensor(shape: [30], scalars: (0..<30).map { Float($0 % 4) * 0.5 })
        var rng = Random(seed: 6)
        let (estimate, _) = try ZerothOrder.spsa(theta: theta, active: active, draws: 50, step: 0.001, rng: &rng) {
            points in
            #expect(points.count == 100)
            return points.map(q.loss)
        }
        let truth = q.gradient(theta)
        #expect(cosine(estimate.scalars, truth.indices.map { active.contains($0) ? truth[$0] : 0 }) > 0.5)
    }

    @Test func testRGF_pointsAlongTheTrueReprogrammingGradient() throws {
        // The reprogramming loss of a tiny model: 6×6 source, 4×4 target, d = 20 frame values.
        let model = try tinyModel(side: 6, classes: 5, hidden: 12, seed: 7)
        let task = try bandTask(count: 24, classes: 3, side: 4, seed: 8)
        let transform = try InputTransform(style: .pad(inner: 4), sourceShape: [1, 6, 6])
        var rng = Random(seed: 9)
        transform.theta.value = rng.normal([1, 6, 6], std: 0.5)
        let mapping = try LabelMapping(kind: .random, sourceClasses: 5, targetClasses: 3, seed: 10)
        for p in model.network.parameters { p.requiresGrad = false }
        func loss(_ theta: Tensor?) throws -> Tensor {
            let x = try theta.map { try transform.combine(try transform.place(task.inputs), theta: $0) }
                ?? transform(task.inputs)
            let scores = try mapping.scores(logProbabilities: try model.logits(x).logSoftmax(axis: -1))
            return try crossEntropy(logits: scores, labels: task.labels)
        }
        try loss(nil).backward()
        let truth = try #require(transform.theta.grad).scalars
        let (estimate, _) = try ZerothOrder.rgf(
            theta: transform.theta.value, active: transform.activeIndices, directions: 50, smoothing: 0.005, rng: &rng
        ) { points in
            try withNoGrad { try points.map { Double(try loss($0).item()) } }
        }
        #expect(transform.trainableCount == 20)
        #expect(cosine(estimate.scalars, truth) > 0.5)
    }

    @Test func testErrors_badSettings() throws {
        var rng = Random(seed: 1)
        let theta = try Tensor.zeros([4])
        #expect(throws: ReprogrammingError.self) {
            try ZerothOrder.rgf(theta: theta, active: [0], directions: 0, smoothing: 0.1, rng: &rng) { $0.map { _ in 0 } }
        }
        #expect(throws: ReprogrammingError.self) {
            try ZerothOrder.rgf(theta: theta, active: [9], directions: 1, smoothing: 0.1, rng: &rng) { $0.map { _ in 0 } }
        }
        #expect(throws: ReprogrammingError.self) {
            try ZerothOrder.spsa(theta: theta, active: [0], draws: 1, step: 0, rng: &rng) { $0.map { _ in 0 } }
        }
        #expect(throws: ReprogrammingError.self) {
            try ZerothOrder.spsa(theta: theta, active: [0], draws: 1, step: 0.1, rng: &rng) { _ in [0] }
        }
    }
}

@Suite struct SPSAGradientCorrectionTests {
    @Test func testUpdate_nesterovFormOfTheReleasedCode() throws {
        let gains = ReprogramOptions.SPSAGains()  // o 1, c 0.01, a 0.01, α 0.4, γ 0.1, μ 0.9
        var gc = SPSAGradientCorrection(gains: gains, lookAhead: false, active: [0, 2], count: 3)
        let (a1, c1) = gc.sizes(step: 1)
        #expect(abs(a1 - 0.01 / Foundation.pow(2, 0.4)) < 1e-9 && abs(c1 - 0.01) < 1e-9)
        #expect(abs(gc.sizes(step: 4).c - 0.01 / Foundation.pow(4, 0.1)) < 1e-9)
        let theta0 = try Tensor(shape: [3], scalars: [1, 1, 1])
        let theta1 = gc.update(theta0, estimate: [2, 5, -1], step: 1)
        // m = g; θ − a1 (g + 0.9 g); the untrained coordinate stays.
        #expect(abs(theta1.scalars[0] - (1 - a1 * 1.9 * 2)) < 1e-6)
        #expect(theta1.scalars[1] == 1)
        #expect(abs(theta1.scalars[2] - (1 + a1 * 1.9)) < 1e-6)
        let a2 = gc.sizes(step: 2).a
        let theta2 = gc.update(theta1, estimate: [1, 0, 0], step: 2)
        // m = 0.9 · 2 + 1 = 2.8; θ − a2 (1 + 0.9 · 2.8)
        #expect(abs(theta2.scalars[0] - (theta1.scalars[0] - a2 * (1 + 0.9 * 2.8))) < 1e-6)
        #expect(abs(gc.momentum[2] - (-0.9)) < 1e-6)
        #expect(gc.estimationPoint(theta2, step: 3).scalars == theta2.scalars)
    }

    @Test func testLookAhead_estimatesAheadAlongTheMomentum() throws {
        var gc = SPSAGradientCorrection(gains: ReprogramOptions.SPSAGains(), lookAhead: true, active: [1], count: 2)
        let theta = try Tensor(shape: [2], scalars: [0, 0])
        _ = gc.update(theta, estimate: [3, 4], step: 1)
        let a2 = gc.sizes(step: 2).a
        let point = gc.estimationPoint(theta, step: 2)
        #expect(point.scalars[0] == 0)
        #expect(abs(point.scalars[1] - (-a2 * 0.9 * 4)) < 1e-7)
    }
}
