import Foundation
import Testing
@testable import Learning
@testable import Tensors

@Suite struct OptimizerTests {
    /// One parameter w = [1, -2] with gradient g = [0.5, 0.5] each step.
    func run(_ make: ([Parameter]) -> Optimizer, steps: Int) throws -> [Float] {
        let p = Parameter(Tensor([1, -2]))
        let optimizer = make([p])
        for _ in 0..<steps {
            optimizer.zeroGrad()
            p.setGrad(Tensor([0.5, 0.5]))
            try optimizer.step()
        }
        return p.value.scalars
    }

    @Test func testSGD_plainAndMomentumMatchPyTorch() throws {
        #expect(try run({ SGD($0, learningRate: 0.1) }, steps: 2) == [0.9, -2.1])
        // Momentum 0.9: buffers 0.5, 0.95 → w = 1 - 0.1·(0.5 + 0.95).
        let m = try run({ SGD($0, learningRate: 0.1, momentum: 0.9) }, steps: 2)
        #expect(abs(m[0] - 0.855) < 1e-6)
        // Nesterov: step uses g + 0.9·buf: 0.5 + 0.45 = 0.95, then 0.5 + 0.855 = 1.355.
        let n = try run({ SGD($0, learningRate: 0.1, momentum: 0.9, nesterov: true) }, steps: 2)
        #expect(abs(n[0] - (1 - 0.095 - 0.1355)) < 1e-6)
    }

    @Test func testSGD_weightDecayAddsToGradient() throws {
        let w = try run({ SGD($0, learningRate: 0.1, weightDecay: 0.1) }, steps: 1)
        #expect(abs(w[0] - (1 - 0.1 * (0.5 + 0.1))) < 1e-6)
    }

    @Test func testAdam_firstStepsMoveByLearningRate() throws {
        // With a constant gradient, Adam's bias-corrected step is lr · g/|g| each time.
        let w = try run({ Adam($0, learningRate: 0.01) }, steps: 3)
        #expect(abs(w[0] - 0.97) < 1e-5)
        #expect(abs(w[1] - -2.03) < 1e-5)
    }

    @Test func testAdam_matchesTheElementwiseUpdate() throws {
        // 19 elements (two groups of eight and a tail), both kinds of weight decay, three steps:
        // bit for bit PyTorch's per-element formula, evaluated here in the same order.
        var rng = Random(seed: 4)
        for decoupled in [false, true] {
            let start = rng.normal([19]).scalars
            let p = Parameter(Tensor(start))
            let adam = Adam([p], learningRate: 0.01, weightDecay: 0.1, decoupled: decoupled)
            var (w, m, v) = (start, [Float](repeating: 0, count: 19), [Float](repeating: 0, count: 19))
            for t in 1...3 {
                let g = rng.normal([19]).scalars
                p.setGrad(Tensor(g))
                try adam.step()
                let stepSize = 0.01 / (1 - Foundation.pow(Float(0.9), Float(t)))
                let root = (1 - Foundation.pow(Float(0.999), Float(t))).squareRoot()
                for i in 0..<19 {
                    var gi = g[i]
                    if decoupled { w[i] *= 1 - 0.01 * 0.1 } else { gi += 0.1 * w[i] }
                    m[i] = 0.9 * m[i] + (1 - 0.9) * gi
                    v[i] = 0.999 * v[i] + (1 - 0.999) * gi * gi
                    w[i] -= stepSize * m[i] / (v[i].squareRoot() / root + 1e-8)
                }
            }
            #expect(p.value.scalars == w, "decoupled \(decoupled)")
        }
    }

    @Test func testAdamW_decaysWeightsBeforeTheStep() throws {
        let w = try run({ Adam.adamW($0, learningRate: 0.1, weightDecay: 0.5) }, steps: 1)
        #expect(abs(w[0] - (1 * (1 - 0.05) - 0.1)) < 1e-5)
    }

    @Test func testSchedules() {
        #expect(LearningRateSchedule.step(every: 2, gamma: 0.5).rate(base: 1, epoch: 3) == 0.5)
        let multi = LearningRateSchedule.multiStep(milestones: [5, 7], gamma: 0.1)
        #expect(multi.rate(base: 1, epoch: 4) == 1)
        #expect(abs(multi.rate(base: 1, epoch: 7) - 0.01) < 1e-7)
        let cosine = LearningRateSchedule.cosine(epochs: 10, minimum: 0)
        #expect(abs(cosine.rate(base: 1, epoch: 5) - 0.5) < 1e-6)
        #expect(abs(cosine.rate(base: 1, epoch: 10)) < 1e-6)
    }

    @Test func testClipGradNorm_scalesJointNorm() {
        let a = Parameter(Tensor([3]))
        let b = Parameter(Tensor([0]))
        a.setGrad(Tensor([3]))
        b.setGrad(Tensor([4]))
        let norm = clipGradNorm([a, b], maxNorm: 1)
        #expect(abs(norm - 5) < 1e-5)
        #expect(abs((a.grad?.scalars[0] ?? 0) - 0.6) < 1e-5)
        #expect(abs((b.grad?.scalars[0] ?? 0) - 0.8) < 1e-5)
    }
}
