import Datasets
import Learning
import ModelHub
import Tensors
import Testing

@testable import Reprogramming

@Suite struct ReprogrammerTests {
    /// 40 samples: 4 held out for validation, 36 trained on in batches of 10, 10, 10, 6.
    func options(_ optimizer: ReprogramOptions.OptimizerKind, mapping: LabelMapping.Kind = .iterative) -> ReprogramOptions {
        var options = ReprogramOptions()
        options.style = .pad(inner: 4)
        options.mapping = mapping
        options.optimizer = optimizer
        options.epochs = 2
        options.batchSize = 10
        options.directions = 3
        options.seed = 11
        return options
    }

    @Test func testQueries_exactForRGFWithILM() throws {
        let box = try BlackBoxModel(try tinyModel())
        let result = try Reprogrammer.train(box, on: try bandTask(count: 40), options: options(.rgf))
        // Training: 36 rows × (q + 1) × 2 epochs; mapping: 36 rows at each epoch's start;
        // evaluation: the 4 validation rows at the start and after each epoch.
        #expect(result.queries == QueryCounts(training: 36 * 4 * 2, mapping: 36 * 2, evaluation: 4 * 3))
        #expect(box.ledger.counts == [.training: 288, .mapping: 72, .evaluation: 12])
        #expect(result.history.map(\.queries) == [36 + 4 + 144 + 4, 372])
        _ = try result.accuracy(try bandTask(count: 9, seed: 3))
        #expect(result.queries.evaluation == 21)
        #expect(box.ledger.total == 381)
        #expect(result.stopReason == nil)
    }

    @Test func testQueries_exactForSPSAAndAdam() throws {
        let box = try BlackBoxModel(try tinyModel())
        let spsa = try Reprogrammer.train(box, on: try bandTask(count: 40), options: options(.spsaGC, mapping: .frequency))
        #expect(spsa.queries == QueryCounts(training: 36 * 6 * 2, mapping: 36, evaluation: 12))
        let model = try tinyModel()
        let adam = try Reprogrammer.train(model, on: try bandTask(count: 40), options: options(.adam, mapping: .random))
        #expect(adam.queries == QueryCounts(training: 36 * 2, mapping: 0, evaluation: 12))
        #expect(model.ledger.total == 84)
        // A second result on the same model counts only its own queries.
        let again = try Reprogrammer.train(model, on: try bandTask(count: 40), options: options(.adam, mapping: .random))
        #expect(again.queries.total == 84)
        #expect(adam.queries.total == 84)
    }

    @Test func testBudget_neverExceededAndStopsCleanly() throws {
        let task = try bandTask(count: 40)
        let box = try BlackBoxModel(try tinyModel())
        var options = options(.rgf)
        options.budget = 200
        let result = try Reprogrammer.train(box, on: task, options: options)
        // Mapping 36 + validation 4 + steps 40, 40, 40, 24 + validation 4 = 188; the second
        // epoch's re-mapping (36, keeping 4 for validation) would pass 200.
        #expect(result.queries.total == 188)
        #expect(result.stopReason == "query budget reached")
        #expect(result.history.count == 1)
        // The model's own budget, below and above what whole runs cost (RGF 372; SPSA-GC with
        // 2q = 6 probes: 432 training + 72 mapping + 12 evaluation = 516).
        for budget in stride(from: 0, through: 540, by: 27) {
            for (optimizer, whole) in [(ReprogramOptions.OptimizerKind.rgf, 372), (.spsaGC, 516)] {
                let limited = try BlackBoxModel(try tinyModel(), budget: budget)
                let r = try Reprogrammer.train(limited, on: task, options: self.options(optimizer))
                #expect(limited.ledger.total <= budget, "budget \(budget) \(optimizer)")
                #expect(r.queries.total == limited.ledger.total)
                #expect((r.stopReason == nil) == (budget >= whole), "budget \(budget) \(optimizer)")
            }
        }
    }

    @Test func testWhiteBox_learnsAndLeavesTheModelAlone() throws {
        let model = try tinyModel(seed: 3, sharpness: 8)
        let before = model.network.parameters.map(\.value.scalars)
        // Full-batch steps: each epoch's loss is the loss at the θ of that step.
        var options = options(.adam, mapping: .frequency)
        options.epochs = 30
        options.batchSize = 60
        options.learningRate = 0.1
        options.schedule = .constant
        options.validationFraction = 0
        let result = try Reprogrammer.train(model, on: try bandTask(count: 60), options: options)
        let losses = result.history.map(\.loss)
        #expect(losses.count == 30)
        #expect(losses[29] < losses[0] * 0.8, "losses \(losses)")
        #expect(model.network.parameters.map(\.value.scalars) == before)
        #expect(model.network.parameters.allSatisfy { $0.grad == nil && $0.requiresGrad })
        #expect(result.chosenEpoch == 30)
        #expect(result.queries.evaluation == 0)
        #expect(result.history.allSatisfy { $0.validationAccuracy == nil })
    }

    @Test func testCheckpoint_isTheBestOnTheValidationSplit() throws {
        let model = try tinyModel(seed: 4)
        var options = options(.adam, mapping: .iterative)
        options.epochs = 5
        options.learningRate = 0.3
        options.validationFraction = 0.3
        let data = try bandTask(count: 60)
        let result = ReprogramResult(
            model: model, transform: try InputTransform(style: options.style, sourceShape: [1, 8, 8]),
            mapping: try LabelMapping(kind: .iterative, sourceClasses: 6, targetClasses: 3), options: options,
            classNames: data.classNames)
        let run = try ReprogramRun(result: result, data: data)
        try run.train(shouldStop: { false })
        let validation = try #require(run.validation)
        #expect(validation.labels.count == 18 && run.training.labels.count == 42)
        let accuracies = result.history.compactMap(\.validationAccuracy)
        #expect(accuracies.count == 5)
        let kept = try result.accuracy(validation.inputs, labels: validation.labels)
        #expect(kept >= accuracies.max() ?? 1)
        if result.chosenEpoch > 0 { #expect(kept == accuracies[result.chosenEpoch - 1]) }
    }

    @Test func testInterrupt_stopsAtTheNextBatchAndKeepsTheBest() throws {
        var calls = 0
        let result = try Reprogrammer.train(try tinyModel(), on: try bandTask(count: 40), options: options(.adam)) {
            calls += 1
            return calls > 6
        }
        #expect(result.stopReason == "interrupted")
        #expect(result.history.count == 2)  // one whole epoch and a partial one (2 of 4 batches)
        #expect(result.queries.training == 36 + 20)
    }

    @Test func testLinearMapping_isTrainedWithTheTransform() throws {
        for optimizer in [ReprogramOptions.OptimizerKind.adam, .rgf, .spsaGC] {
            let model = try tinyModel()
            let source: SourceModel = optimizer == .adam ? model : try BlackBoxModel(model)
            var options = options(optimizer, mapping: .linear)
            options.validationFraction = 0
            let result = try Reprogrammer.train(source, on: try bandTask(count: 40), options: options)
            let initial = try LabelMapping(kind: .linear, sourceClasses: 6, targetClasses: 3, seed: options.seed)
            let layer = try #require(result.mapping.layer)
            #expect(layer.weight.value.scalars != initial.layer?.weight.value.scalars, "\(optimizer)")
            #expect(result.trainableParameters == 48 + 6 * 3 + 3)
        }
    }

    @Test func testFocalLoss_weighsDownEasyExamples() throws {
        // With a vanishing rate θ stays at 0, so both runs see the same probabilities.
        var losses: [Double] = []
        for loss in [TrainingOptions.Loss.crossEntropy, .focal(gamma: 2)] {
            var options = options(.rgf, mapping: .frequency)
            options.loss = loss
            options.learningRate = 1e-9
            let result = try Reprogrammer.train(try BlackBoxModel(try tinyModel(sharpness: 4)), on: try bandTask(count: 40), options: options)
            losses.append(result.history[0].loss)
        }
        #expect(losses[1] < losses[0] && losses[1] > 0)
    }

    @Test func testErrors_refuseGradientsFromABlackBoxAndBadSettings() throws {
        let task = try bandTask(count: 20)
        #expect(throws: ReprogrammingError.self) {
            try Reprogrammer.train(try BlackBoxModel(try tinyModel()), on: task, options: options(.adam))
        }
        var bad = options(.rgf)
        bad.directions = 0
        #expect(throws: ReprogrammingError.self) { try Reprogrammer.train(try tinyModel(), on: task, options: bad) }
        bad = options(.adam)
        bad.validationFraction = 1
        #expect(throws: ReprogrammingError.self) { try Reprogrammer.train(try tinyModel(), on: task, options: bad) }
        bad = options(.adam)
        bad.mapping = .manyToOne(3)  // 3 × 3 target classes > 6 source classes
        #expect(throws: ReprogrammingError.self) { try Reprogrammer.train(try tinyModel(), on: task, options: bad) }
    }
}
