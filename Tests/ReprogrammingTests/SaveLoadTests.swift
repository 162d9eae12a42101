import Foundation
import ModelHub
import Tensors
import Testing

@testable import Reprogramming

@Suite struct SaveLoadTests {
    func options(
        _ style: InputTransform.Style, _ mapping: LabelMapping.Kind, _ optimizer: ReprogramOptions.OptimizerKind
    ) -> ReprogramOptions {
        var options = ReprogramOptions()
        options.style = style
        options.mapping = mapping
        options.optimizer = optimizer
        options.epochs = 2
        options.batchSize = 16
        options.learningRate = 0.2
        options.seed = 5
        if style == .full {
            options.bound = .tanh
            options.epsilon = 0.3
            options.mask = try? Tensor(shape: [8, 8], scalars: (0..<64).map { $0 % 3 == 0 ? 1 : 0 })
        }
        return options
    }

    @Test func testSaveLoad_identicalPredictions() throws {
        let cases: [(InputTransform.Style, LabelMapping.Kind, ReprogramOptions.OptimizerKind)] = [
            (.pad(inner: 4), .iterative, .adam), (.full, .linear, .rgf), (.frame(width: 2), .manyToOne(2), .spsaGC),
        ]
        let test = try bandTask(count: 30, seed: 9)
        for (style, mapping, optimizer) in cases {
            let model = try tinyModel(seed: 2, sharpness: 4)
            let source: SourceModel = optimizer == .adam ? model : try BlackBoxModel(model)
            let trained = try Reprogrammer.train(source, on: try bandTask(count: 48), options: options(style, mapping, optimizer))
            let path = temporaryPath("result.safetensors")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try trained.save(path: path)
            let loaded = try ReprogramResult.load(path: path, model: source)
            #expect(loaded.queries == trained.queries)
            #expect(try loaded.scores(test.inputs).scalars == trained.scores(test.inputs).scalars, "\(style) \(mapping)")
            #expect(try loaded.predict(test.inputs) == trained.predict(test.inputs))
            #expect(loaded.history == trained.history)
            #expect(loaded.classNames == trained.classNames)
            #expect(loaded.chosenEpoch == trained.chosenEpoch)
            #expect(loaded.transform.style == style && loaded.mapping.kind == mapping)
            #expect(loaded.options.optimizer == optimizer)
            #expect(try loaded.perturbation.scalars == trained.perturbation.scalars)
            #expect(loaded.mappingTable.rows == trained.mappingTable.rows)
        }
    }

    @Test func testLoad_refusesAnotherModelOrFile() throws {
        let model = try tinyModel()
        var options = options(.pad(inner: 4), .frequency, .adam)
        options.epochs = 1
        let trained = try Reprogrammer.train(model, on: try bandTask(count: 20), options: options)
        let path = temporaryPath("result.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try trained.save(path: path)
        #expect(throws: ReprogrammingError.self) { try ReprogramResult.load(path: path, model: try tinyModel(name: "other")) }
        #expect(throws: ReprogrammingError.self) { try ReprogramResult.load(path: path, model: try tinyModel(classes: 7)) }
        try model.save(path: path)
        #expect(throws: ReprogrammingError.self) { try ReprogramResult.load(path: path, model: model) }
        #expect(throws: (any Error).self) { try ReprogramResult.load(path: path + ".missing", model: model) }
    }
}
