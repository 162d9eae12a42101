import Learning
import ModelHub
import Tensors
import Testing

@testable import Reprogramming

@Suite struct BaselineTests {
    var options: BaselineOptions {
        var options = BaselineOptions()
        options.epochs = 15
        options.batchSize = 16
        options.seed = 3
        return options
    }

    @Test func testArchitecture_newLastLayerForTheTargetClasses() throws {
        #expect(try Baseline.architecture("flatten linear(64,16) relu linear(16,6)", classes: 3)
            == "flatten linear(64,16) relu linear(16,3)")
        #expect(try Baseline.architecture("linear(4,8,bias=0)", classes: 2) == "linear(4,2,bias=0)")
        #expect(try Baseline.architecture("lenet5", classes: 4).hasSuffix("linear(84,4)"))
        #expect(throws: ReprogrammingError.self) { try Baseline.architecture("flatten relu", classes: 2) }
    }

    @Test func testLinearProbe_onFeaturesOfAWhiteBox() throws {
        let model = try tinyModel()
        let result = try Baseline.linearProbe.run(
            model, train: try bandTask(count: 60), test: try bandTask(count: 30, seed: 5), options: options)
        #expect(result.trainableParameters == 16 * 3 + 3)
        #expect(result.queries == QueryCounts(training: 60, evaluation: 30))
        #expect(result.accuracy > 0.9)
        #expect(result.history.epochs.count == 15)
        #expect(throws: HubError.self) {
            try Baseline.linearProbe.run(
                try BlackBoxModel(model), train: try bandTask(count: 6), test: try bandTask(count: 3), options: options)
        }
    }

    @Test func testProbabilityHead_countsItsQueries() throws {
        let box = try BlackBoxModel(try tinyModel(sharpness: 4))
        let result = try Baseline.probabilityHead.run(
            box, train: try bandTask(count: 60), test: try bandTask(count: 30, seed: 5), options: options)
        #expect(result.trainableParameters == 6 * 3 + 3)
        #expect(result.queries == QueryCounts(training: 60, evaluation: 30))
        #expect(box.ledger.counts == [.training: 60, .evaluation: 30])
        #expect(result.accuracy > 0.5)
    }

    @Test func testScratch_sameArchitectureNewHead() throws {
        let box = try BlackBoxModel(try tinyModel())
        let result = try Baseline.scratch.run(
            box, train: try bandTask(count: 60), test: try bandTask(count: 30, seed: 5), options: options)
        #expect(result.trainableParameters == 64 * 16 + 16 + 16 * 3 + 3)
        #expect(result.queries.total == 0 && box.ledger.total == 0)
        #expect(result.accuracy > 0.9)
    }
}
