import Foundation
import ModelHub
import Testing
import Tensors

@testable import Pathways

@Suite struct PathwayModelTests {
    @Test func testForward_onlyActivatedModelsRunOnTheirRows() throws {
        let recorders = try PathwayFixtures.heterogeneousHub().map(RecordingModel.init)
        let pathway = try PathwayModel(
            models: recorders, classes: 4, inputShape: [1, 4, 4], options: PathwayFixtures.options(k: 2))
        let x = PathwayFixtures.inputs(24, seed: 5)
        var rng = Random(seed: 9)
        let out = try pathway.forward(x, epsilon: rng.normal([24, 3]), purpose: .training)
        #expect(out.active.allSatisfy { $0.count == 2 && Set($0).count == 2 })
        for (i, recorder) in recorders.enumerated() {
            let rows = out.active.indices.filter { out.active[$0].contains(i) }
            let expected = try InputAdapter.adapt(
                try x.gathered(indices: rows, axis: 0), to: recorder.card.inputShape, model: recorder.name)
            #expect(recorder.calls.count == (rows.isEmpty ? 0 : 1))
            if let seen = recorder.calls.first { #expect(seen.scalars == expected.scalars) }
            #expect(recorder.ledger.counts[.training] == (rows.isEmpty ? nil : rows.count))
            #expect(pathway.experts[i].runs == rows.count)
        }
        #expect(pathway.totalRuns == 2 * 24)
        // The routing is not trivial: not every input picks the same pair.
        #expect(Set(out.active.map { Set($0) }).count > 1)
    }

    @Test func testForward_aggregatesWeightedHeadProbabilities() throws {
        let models = try PathwayFixtures.heterogeneousHub()
        let pathway = try PathwayModel(
            models: models, classes: 4, inputShape: [1, 4, 4], options: PathwayFixtures.options(k: 2))
        let x = PathwayFixtures.inputs(6, seed: 2)
        let labels = [0, 1, 2, 3, 0, 1]
        let out = try pathway.forward(x, labels: labels, purpose: .evaluation)
        let w = out.weights.scalars
        var exploit = 0.0
        for r in 0..<6 {
            let row = try x.gathered(indices: [r], axis: 0)
            var expected = [Float](repeating: 0, count: 4)
            for i in out.active[r] {
                let logits = try pathway.experts[i].logits(row, purpose: .evaluation)
                let p = try logits.softmax(axis: -1).scalars
                for c in 0..<4 { expected[c] += w[r * 3 + i] * p[c] }
                exploit += Double(try crossEntropy(logits: logits, labels: [labels[r]]).item())
            }
            let got = Array(out.probabilities.scalars[(4 * r)..<(4 * r + 4)])
            for (a, b) in zip(got, expected) { #expect(abs(a - b) < 1e-6) }
            #expect(abs(got.reduce(0, +) - 1) < 1e-5)
            for i in 0..<3 where !out.active[r].contains(i) { #expect(w[r * 3 + i] == 0) }
        }
        #expect(abs(Double(try #require(out.exploitation).item()) - exploit / 6) < 1e-5)
    }

    @Test func testForward_headsFitEachArchitectureAndAccess() throws {
        let models = try PathwayFixtures.heterogeneousHub()
        let hub: [SourceModel] = [models[0], try BlackBoxModel(models[1]), models[2]]
        let pathway = try PathwayModel(
            models: hub, classes: 4, inputShape: [1, 4, 4], options: PathwayFixtures.options(k: 3))
        #expect(pathway.experts.map(\.head.inputSize) == [6, 4, 7])
        #expect(pathway.experts.map(\.head.outputSize) == [4, 4, 4])
        let out = try pathway.forward(PathwayFixtures.inputs(5, seed: 1), purpose: .evaluation)
        #expect(out.probabilities.shape == [5, 4])
        #expect(hub[1].ledger.counts[.evaluation] == 5)
    }

    @Test func testForward_rejectsBadInputsAndOptions() throws {
        let models = try PathwayFixtures.heterogeneousHub()
        let pathway = try PathwayModel(
            models: models, classes: 4, inputShape: [1, 4, 4], options: PathwayFixtures.options())
        #expect(throws: PathwayError.self) { try pathway.forward(PathwayFixtures.inputs(2, seed: 1).reshaped([2, 16]), purpose: .evaluation) }
        #expect(throws: PathwayError.self) { try pathway.forward(PathwayFixtures.inputs(2, seed: 1), labels: [0, 4], purpose: .training) }
        var options = PathwayFixtures.options(k: 4)
        #expect(throws: PathwayError.self) { try PathwayModel(models: models, classes: 4, inputShape: [1, 4, 4], options: options) }
        options.k = 2
        options.gating = .uniform
        #expect(throws: PathwayError.self) { try PathwayModel(models: models, classes: 4, inputShape: [1, 4, 4], options: options) }
        options = PathwayFixtures.options()
        options.finetune = true
        #expect(throws: PathwayError.self) {
            try PathwayModel(models: [try BlackBoxModel(models[0])], classes: 4, inputShape: [1, 4, 4], options: {
                var o = options
                o.k = 1
                return o
            }())
        }
    }

    @Test func testForward_uniformGatingWeighsEveryModelEqually() throws {
        var options = PathwayFixtures.options(k: 3)
        options.gating = .uniform
        let pathway = try PathwayModel(
            models: try PathwayFixtures.heterogeneousHub(), classes: 4, inputShape: [1, 4, 4], options: options)
        #expect(pathway.generator == nil)
        let out = try pathway.forward(PathwayFixtures.inputs(4, seed: 3), purpose: .evaluation)
        for w in out.weights.scalars { #expect(abs(w - 1.0 / 3) < 1e-6) }
    }

    /// The generator's gradients of the total training loss (task + λ CV² + exploitation, with
    /// fixed learned-scale noise) against central finite differences.
    @Test func testGenerator_gradientsMatchFiniteDifferences() throws {
        var options = PathwayFixtures.options(k: 2)
        options.explorationWeight = 0.5
        let pathway = try PathwayModel(
            models: try PathwayFixtures.heterogeneousHub(), classes: 4, inputShape: [1, 4, 4], options: options)
        let generator = try #require(pathway.generator)
        // Give the noise head weights so that its gradient path is exercised too.
        var rng = Random(seed: 21)
        generator.noiseGate.weight.value = rng.uniform([3, 8], low: -0.5, high: 0.5)
        let x = PathwayFixtures.inputs(12, seed: 8)
        let labels = (0..<12).map { $0 % 4 }
        let epsilon = rng.normal([12, 3])
        func loss() throws -> (Double, [[Int]]) {
            let out = try pathway.forward(x, labels: labels, epsilon: epsilon, purpose: .training)
            return (Double(try PathwayTrainer.losses(out, labels: labels, options: options).total.item()), out.active)
        }
        for p in generator.parameters { p.zeroGrad() }
        let out = try pathway.forward(x, labels: labels, epsilon: epsilon, purpose: .training)
        try PathwayTrainer.losses(out, labels: labels, options: options).total.backward()
        let step: Float = 5e-3
        var checked = 0
        for (name, parameter) in generator.namedParameters {
            let analytic = try #require(parameter.grad, "\(name) has no gradient").scalars
            let original = parameter.value
            for index in stride(from: 0, to: original.count, by: max(1, original.count / 6)) {
                var plus = original
                plus.withMutableScalars { $0[index] += step }
                parameter.value = plus
                let (up, activeUp) = try withNoGrad { try loss() }
                var minus = original
                minus.withMutableScalars { $0[index] -= step }
                parameter.value = minus
                let (down, activeDown) = try withNoGrad { try loss() }
                parameter.value = original
                // A step that changes the routing crosses a discontinuity: skip that coordinate.
                guard activeUp == out.active, activeDown == out.active else { continue }
                let numeric = (up - down) / (2 * Double(step))
                let a = Double(analytic[index])
                #expect(abs(a - numeric) <= 2e-3 + 0.03 * abs(numeric), "\(name)[\(index)]: \(a) vs \(numeric)")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }
}
