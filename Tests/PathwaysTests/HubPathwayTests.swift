import Foundation
import ModelHub
import Testing
import Tensors

@testable import Pathways

@Suite struct HubPathwayTests {
    @Test func testTrain_learnsAndRecordsHistory() throws {
        let data = try PathwayFixtures.target(perClass: 24, seed: 1)
        let test = try PathwayFixtures.target(perClass: 10, seed: 2)
        let pathway = try HubPathway.train(
            try PathwayFixtures.heterogeneousHub(), on: data, validation: test,
            options: PathwayFixtures.options(epochs: 8))
        #expect(pathway.history.count == 8)
        #expect(pathway.stopReason == nil)
        let first = try #require(pathway.history.first)
        let last = try #require(pathway.history.last)
        #expect(last.loss < first.loss)
        #expect(pathway.history.allSatisfy { abs($0.modelRunsPerInput - 2) < 1e-9 })
        #expect(last.validationAccuracy != nil)
        #expect(try pathway.accuracy(test) > 0.6)
        let routing = try #require(pathway.trainingRouting)
        #expect(routing.counts == [24, 24, 24, 24])
    }

    @Test func testTrain_stopsWhenAskedAndAtTheQueryBudget() throws {
        let data = try PathwayFixtures.target(perClass: 8, seed: 1)
        var calls = 0
        let stopped = try HubPathway.train(
            try PathwayFixtures.heterogeneousHub(), on: data, options: PathwayFixtures.options(epochs: 5),
            shouldStop: {
                calls += 1
                return calls > 3
            })
        #expect(stopped.stopReason == "interrupted")
        // Two batches per epoch: the third check stops in the second epoch, keeping the first.
        #expect(stopped.history.count == 1)
        let models = try PathwayFixtures.heterogeneousHub()
        let boxes = try models.map { try BlackBoxModel($0, budget: 50) }
        let budgeted = try HubPathway.train(boxes, on: data, options: PathwayFixtures.options(k: 3, epochs: 5))
        #expect(budgeted.stopReason?.contains("query budget") == true)
        #expect(boxes.allSatisfy { $0.ledger.total <= 50 })
    }

    @Test func testBlackBox_queriesCountedByPurpose() throws {
        let data = try PathwayFixtures.target(perClass: 6, seed: 3)
        let boxes = try PathwayFixtures.heterogeneousHub().map { try BlackBoxModel($0) }
        let pathway = try HubPathway.train(boxes, on: data, options: PathwayFixtures.options(k: 2, epochs: 2))
        let training = boxes.map { $0.ledger.counts[.training] ?? 0 }
        #expect(training.reduce(0, +) == 2 * 2 * data.count)
        #expect(zip(training, pathway.modelRuns).allSatisfy { $0 == $1.runs })
        _ = try pathway.accuracy(data)
        #expect(boxes.map { $0.ledger.counts[.evaluation] ?? 0 }.reduce(0, +) == 2 * data.count)
        #expect(pathway.network.experts.allSatisfy { $0.head.inputSize == $0.source.card.classCount })
    }

    @Test func testFinetune_trainsPrivateCopiesOfActivatedModelsOnly() throws {
        let models = try PathwayFixtures.heterogeneousHub()
        let before = models.map { $0.network.parameters.map(\.value.scalars) }
        var options = PathwayFixtures.options(k: 1, epochs: 1)
        options.finetune = true
        options.noise = .none
        let data = try PathwayFixtures.target(perClass: 4, seed: 4)
        let network = try PathwayModel(models: models, classes: 4, inputShape: [1, 4, 4], options: options)
        // Route everything to model 1: zero gate weights and a bias that favours it.
        let gate = try #require(network.generator).gate
        gate.weight.value = try Tensor.zeros(gate.weight.value.shape)
        gate.bias?.value = try Tensor(shape: [3], scalars: [0, 5, 0])
        let outcome = try PathwayTrainer.fit(
            network, inputs: data.inputs, labels: data.labels, classNames: data.classNames, validation: nil,
            shouldStop: { false })
        #expect(outcome.history.count == 1)
        #expect(models.map { $0.network.parameters.map(\.value.scalars) } == before)
        let copies = network.experts.map { $0.model?.network.parameters.map(\.value.scalars) ?? [] }
        #expect(network.experts.allSatisfy { $0.model !== models[0] && $0.model !== models[1] })
        #expect(copies[0] == before[0])
        #expect(copies[1] != before[1])
        #expect(copies[2] == before[2])
        #expect(network.modelParameters.count == models.map { $0.network.parameters.count }.reduce(0, +))
    }

    @Test func testSaveLoad_identicalPredictions() throws {
        let data = try PathwayFixtures.target(perClass: 8, seed: 5)
        let models = try PathwayFixtures.heterogeneousHub()
        let hub: [SourceModel] = [models[0], try BlackBoxModel(models[1]), models[2]]
        var options = PathwayFixtures.options(k: 2, epochs: 2)
        options.noise = .fixed(0.3)
        options.exploration = .entropy
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pathway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for finetune in [false, true] {
            var o = options
            o.finetune = finetune
            let hubForRun: [SourceModel] = finetune ? models : hub
            let pathway = try HubPathway.train(hubForRun, on: data, options: o)
            let path = directory.appendingPathComponent("p\(finetune).safetensors").path
            try pathway.save(path: path)
            let back = try HubPathway.load(path: path) { reference in
                let model = try #require(models.first { $0.card.name == reference.name })
                return reference.access == "black-box" ? try BlackBoxModel(model) : model
            }
            #expect(back.options == o)
            #expect(back.classNames == data.classNames)
            #expect(back.modelNames == pathway.modelNames)
            #expect(back.history == pathway.history)
            #expect(back.trainingRouting == pathway.trainingRouting)
            #expect(back.network.experts.map(\.source.access) == pathway.network.experts.map(\.source.access))
            #expect(try back.probabilities(data.inputs).scalars == (try pathway.probabilities(data.inputs).scalars))
            #expect(try back.routing(data) == (try pathway.routing(data)))
        }
    }

    @Test func testLoad_rejectsWrongFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pathway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = try PathwayFixtures.heterogeneousHub()
        let resolve: (HubPathway.ModelReference) throws -> SourceModel = { reference in
            try #require(models.first { $0.card.name == reference.name })
        }
        let modelPath = directory.appendingPathComponent("model.safetensors").path
        try models[0].save(path: modelPath)
        #expect(throws: PathwayError.self) { try HubPathway.load(path: modelPath, models: resolve) }
        let data = try PathwayFixtures.target(perClass: 2, seed: 5)
        let pathway = try HubPathway.train(models, on: data, options: PathwayFixtures.options(epochs: 0))
        let path = directory.appendingPathComponent("p.safetensors").path
        try pathway.save(path: path)
        var file = try SafeTensorsFile.read(path: path)
        file.tensors["experts.1.head.weight"] = try Tensor.zeros([4, 3])
        try file.write(path: path)
        #expect(throws: PathwayError.self) { try HubPathway.load(path: path, models: resolve) }
        file.tensors["experts.1.head.weight"] = nil
        try file.write(path: path)
        #expect(throws: PathwayError.self) { try HubPathway.load(path: path, models: resolve) }
    }

    @Test func testAccuracy_rejectsOtherClasses() throws {
        let data = try PathwayFixtures.target(perClass: 2, seed: 5)
        let pathway = try HubPathway.train(
            try PathwayFixtures.heterogeneousHub(), on: data, options: PathwayFixtures.options(epochs: 0))
        let other = try data.filter(classes: [1, 0, 2, 3])
        #expect(throws: PathwayError.self) { try pathway.accuracy(other) }
    }
}

@Suite struct PathwayPlotTests {
    @Test func testPlot_writesOneFigureFromDataOrTraining() throws {
        let data = try PathwayFixtures.target(perClass: 6, seed: 6)
        let pathway = try HubPathway.train(
            try PathwayFixtures.heterogeneousHub(), on: data, validation: data, options: PathwayFixtures.options(epochs: 2))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pathway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = directory.appendingPathComponent("routing.png").path
        try pathway.plot(png, data: data)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let svg = directory.appendingPathComponent("routing.svg").path
        try pathway.plot(svg)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("Routing of the last training epoch"))
        let untrained = try HubPathway.train(
            try PathwayFixtures.heterogeneousHub(), on: data, options: PathwayFixtures.options(epochs: 0))
        #expect(throws: PathwayError.self) { try untrained.plot(png) }
    }
}
