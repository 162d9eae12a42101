import Datasets
import ModelHub
import Testing
import Tensors

@testable import Pathways

@Suite struct VariantTests {
    @Test func testVariants_optionsFollowTheirNames() {
        let base = PathwayFixtures.options(k: 2)
        #expect(PathwayVariant.pathway.options(from: base, models: 5) == base)
        #expect(PathwayVariant.noNoise.options(from: base, models: 5).noise == .none)
        #expect(PathwayVariant.noExploration.options(from: base, models: 5).exploration == .none)
        #expect(PathwayVariant.noExploitation.options(from: base, models: 5).exploitationWeight == 0)
        #expect(PathwayVariant.dense.options(from: base, models: 5).k == 5)
        let uniform = PathwayVariant.uniformEnsemble.options(from: base, models: 5)
        #expect(uniform.k == 5 && uniform.gating == .uniform)
        let single = PathwayVariant.bestSingle.options(from: base, models: 5)
        #expect(single.k == 1 && single.gating == .uniform && single.epochs == base.epochs)
    }

    @Test func testVariants_denseAndUniformRunEveryModel() throws {
        let data = try PathwayFixtures.target(perClass: 4, seed: 1)
        let models = try PathwayFixtures.heterogeneousHub()
        for variant in [PathwayVariant.dense, .uniformEnsemble] {
            let pathway = try HubPathway.train(variant, models, on: data, options: PathwayFixtures.options(epochs: 1))
            #expect(pathway.history.first?.modelRunsPerInput == 3)
        }
        let sparse = try HubPathway.train(.pathway, models, on: data, options: PathwayFixtures.options(k: 1, epochs: 1))
        #expect(sparse.history.first?.modelRunsPerInput == 1)
    }

    /// One model sees the target's pattern, the others only constants: best-single picks it
    /// from held-out training data.
    @Test func testBestSingle_picksTheInformativeModel() throws {
        let data = try PathwayFixtures.target(perClass: 20, seed: 2)
        let informative = try PathwayFixtures.model(
            "informative", spec: "flatten linear(16,8) relu linear(8,3)", classes: 3, seed: 4)
        // Zero first-layer weights: the features do not depend on the input.
        var blind: [Model] = []
        for i in 0..<2 {
            let model = try PathwayFixtures.model(
                "blind-\(i)", spec: "flatten linear(16,8) relu linear(8,3)", classes: 3, seed: UInt64(10 + i))
            model.network.parameters[0].value = try Tensor.zeros([8, 16])
            blind.append(model)
        }
        let (pathway, scores) = try HubPathway.bestSingle(
            [blind[0], informative, blind[1]], on: data, options: PathwayFixtures.options(epochs: 15))
        #expect(pathway.modelNames == ["informative"])
        #expect(scores.map(\.model) == ["blind-0", "informative", "blind-1"])
        #expect(scores[1].accuracy > 0.5)
        #expect(scores[0].accuracy < 0.4 && scores[2].accuracy < 0.4)
    }
}
