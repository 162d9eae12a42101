import Datasets
import Learning
import ModelHub
import Testing
import Tensors

@testable import Selection

@Suite struct RecyclerTests {
    let train: Dataset
    let test: Dataset
    let models: [Model]

    init() throws {
        (train, test) = try TestModels.vectorTask(perClass: 40, seed: 10_003).split(0.5, seed: 10_004)
        models = try TestModels.vectorModels()
    }

    func options(epochs: Int = 30) -> RecycleOptions {
        var options = RecycleOptions()
        options.epochs = epochs
        options.batchSize = 16
        options.seed = 10_005
        return options
    }

    @Test func testRecycle_probeOnTwoComplementaryModelsBeatsEither() throws {
        let both = try Recycler.recycle(
            [models[0], models[1]], train: train, test: test, method: .probe, options: options())
        let left = try Recycler.recycle([models[0]], train: train, test: test, method: .probe, options: options())
        #expect((both.testAccuracy ?? 0) >= 0.95)
        #expect((left.testAccuracy ?? 1) <= 0.6)  // one sign of two: about half right
        #expect(both.trainableParameters == (2 + 2 + 1) * 4)  // head on 4 features, 4 classes
        #expect(both.queries.isEmpty && both.access == .whiteBox)
        #expect(try both.accuracy(on: test) == both.testAccuracy)
        #expect(try both.predict(test.inputs).count == test.count)
    }

    @Test func testRecycle_bitfitTrainsBiasesOfACopy() throws {
        let before = TestModels.snapshot(models[0])
        let result = try Recycler.recycle([models[0]], train: train, test: test, method: .bitfit, options: options(epochs: 3))
        // The first layer's 2 biases and a new head (2 features → 4 classes).
        #expect(result.trainableParameters == 2 + (2 + 1) * 4)
        #expect(TestModels.snapshot(models[0]) == before)
        let body = try #require(result.network.sources[0].body)
        #expect(body.namedParameters.map { "\($0.name):\($0.parameter.requiresGrad)" } == ["0.weight:false", "0.bias:true"])
        #expect(body.parameters[1].value.scalars != before[1])  // the copied biases trained
    }

    @Test func testRecycle_loraCountsRankTimesSizes() throws {
        let conv = try TestModels.convModel()
        let (imagesTrain, imagesTest) = try TestModels.halvesTask(perClass: 12, seed: 10_006).split(0.5, seed: 1)
        let before = TestModels.snapshot(conv)
        var opts = options(epochs: 2)
        opts.rank = 2
        let result = try Recycler.recycle([conv], train: imagesTrain, test: imagesTest, method: .lora, options: opts)
        // conv(1,2,3): 2·(1·9 + 2); linear(32,5): 2·(32 + 5); new head linear(5,2): 5·2 + 2.
        #expect(result.trainableParameters == 2 * (9 + 2) + 2 * (32 + 5) + 12)
        #expect(TestModels.snapshot(conv) == before)
        let body = try #require(result.network.sources[0].body)
        #expect(body.layers[0] is LoRAConv2d && body.layers[3] is LoRALinear && body.layers.count == 5)
        #expect(result.history.epochs.count == 2)
    }

    @Test func testRecycle_mixLearnsSoftmaxWeightsOverModels() throws {
        let result = try Recycler.recycle(models, train: train, test: test, method: .mix, options: options())
        let weights = try #require(result.mixingWeights)
        #expect(weights.map(\.name) == ["left", "top", "noise"])
        #expect(abs(weights.map(\.weight).reduce(0, +) - 1) < 1e-5)
        #expect(result.trainableParameters == 3 + (6 + 1) * 4)
        #expect((result.testAccuracy ?? 0) >= 0.9)
    }

    @Test func testRecycle_headOnBlackBoxesCountsQueries() throws {
        let boxes = try [models[0], models[1]].map { try BlackBoxModel($0) }
        let result = try Recycler.recycle(boxes, train: train, test: test, method: .head, options: options())
        #expect(result.queries == [.training: 2 * train.count, .evaluation: 2 * test.count])
        #expect(result.access == .blackBox && result.trainableParameters == (3 + 3 + 1) * 4)
        #expect((result.testAccuracy ?? 0) >= 0.9)
        for box in boxes { #expect(box.ledger.counts == [.training: train.count, .evaluation: test.count]) }
        let table = RecycleResult.table([result])
        #expect(table.contains("head") && table.contains("left + top") && table.contains(String(2 * (train.count + test.count))))
    }

    @Test func testRecycle_headStopsAtTheBudget() throws {
        let box = try BlackBoxModel(models[0], budget: train.count + test.count - 1)
        #expect(throws: HubError.self) {
            try Recycler.recycle([box], train: train, test: test, method: .head, options: options(epochs: 1))
        }
        #expect(box.ledger.total == train.count)  // training read once; the test read was refused whole
    }

    @Test func testRecycle_whiteBoxMethodsRefuseBlackBoxes() throws {
        let box = try BlackBoxModel(models[0])
        #expect(
            throws: SelectionError(
                "recycle: method \"lora\" needs white-box models, but model 'left' is a black box: its weights and "
                    + "features is not available (only output probabilities, through counted queries) "
                    + "(use method \"head\" for black-box models)")
        ) {
            try Recycler.recycle([box], train: train, method: .lora, options: options(epochs: 1))
        }
    }

    @Test func testRecycle_finetuneTrainsEveryWeightOfACopy() throws {
        let before = TestModels.snapshot(models[1])
        let result = try Recycler.recycle([models[1]], train: train, test: test, method: .finetune, options: options(epochs: 3))
        #expect(result.trainableParameters == (6 * 2 + 2) + (2 + 1) * 4)
        #expect(TestModels.snapshot(models[1]) == before)
    }

    @Test func testRecycle_stopsWhenAskedAndChecksInputs() throws {
        let result = try Recycler.recycle([models[0]], train: train, method: .probe, options: options()) { true }
        #expect(result.interrupted && result.testAccuracy == nil && result.history.epochs.isEmpty)
        let other = try TestModels.halvesTask(perClass: 4, seed: 1)
        #expect(throws: SelectionError.self) { try Recycler.recycle([models[0]], train: train, test: other, method: .probe) }
        #expect(throws: SelectionError("recycle: expected at least one model, got none")) {
            try Recycler.recycle([], train: train, method: .probe)
        }
        #expect(throws: SelectionError("recycle: the training data is empty (expected labelled images)")) {
            try Recycler.recycle([models[0]], train: try train.subset(indices: []), method: .probe)
        }
        var bad = options()
        bad.learningRate = 0
        #expect(throws: SelectionError("recycle: learning rate must be positive and finite, got 0.0")) {
            try Recycler.recycle([models[0]], train: train, method: .probe, options: bad)
        }
        #expect(throws: SelectionError.self) { try RecycleMethod(name: "adapter") }
        #expect(try RecycleMethod(name: "bitfit") == .bitfit)
    }

    @Test func testGroundTruth_probeFinetuneAndBlackBoxes() throws {
        let truth = try GroundTruth.measure(
            [models[0], try BlackBoxModel(models[1])], train: train, test: test, method: .probe, options: options(epochs: 5))
        #expect(truth.entries.map(\.method) == [.probe, .head])
        #expect(Set(truth.accuracies.keys) == ["left", "top"])
        #expect(truth.entries[1].queries == train.count + test.count)
        #expect(truth.table.split(separator: "\n").count == 4)
        #expect(
            throws: SelectionError("groundtruth: model 'top' is a black box and cannot be fine-tuned (use method \"probe\")")
        ) {
            try GroundTruth.measure([try BlackBoxModel(models[1])], train: train, test: test, method: .finetune)
        }
        let tuned = try GroundTruth.measure(models, train: train, test: test, method: .finetune, options: options(epochs: 2))
        let ranking = try ModelSelector.select(models, data: train, metric: .logme)
        let check = try ranking.correlate(tuned)
        #expect(check.weightedTau.isFinite && check.relAtK.map(\.k) == [1, 3])
    }
}
