import Datasets
import Foundation
import Language
import ModelHub
import Pathways
import Reprogramming
import Selection
import Tensors

/// The `methods` library: source-free model selection (`select`), model reprogramming
/// (`reprogram`) and Hub-Pathway (`pathway`), with the methods of their results.
enum MethodLibrary {
    static var library: Library {
        Library(
            name: "methods", summary: "Model selection, reprogramming and Hub-Pathway over a model library.",
            functions: [select, reprogram, pathway],
            methods: [top, rankingPlot, correlate, accuracy(receiver: "reprogrammed"), accuracy(receiver: "pathway"),
                      predict(receiver: "reprogrammed"), predict(receiver: "pathway"), reprogramPlot, samples,
                      pathwayPlot, routing, save(receiver: "reprogrammed"), save(receiver: "pathway")])
    }

    /// Models from a hub, a list of models, or one model.
    static func models(_ args: Arguments, _ index: Int) throws -> [SourceModel] {
        switch args[index] {
        case .host(let hub as LibraryObject): return hub.library.models
        case .host(let model as ModelObject): return [model.model]
        case .list(let list):
            return try list.elements.map { element in
                guard case .host(let model as ModelObject) = element else {
                    throw args.badArgument(index, "list of models expected, found \(element.typeName)")
                }
                return model.model
            }
        default: throw args.badArgument(index, "hub, model or list of models expected, got \(args[index].typeName)")
        }
    }

    nonisolated(unsafe) static let select = NativeFunction(spec: BuiltinSpec(
        name: "select",
        parameters: [
            ParameterSpec("models", types: ["hub", "list", "model"], doc: "the candidate models"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target data (training part)"),
            ParameterSpec("metric", defaultValue: .string("logme"), types: ["string"], doc: "leep, nce, logme, hscore, gbc or transrate"),
            ParameterSpec("mode", defaultValue: .string("auto"), types: ["string"], doc: "auto, white-box or black-box"),
        ],
        summary: "Scores every model's transferability to the target without source data and ranks them.",
        doc: "Black-box models are scored only through counted queries of their probabilities (a feature metric then reads the probabilities). Prints as a table: model, access, metric, score, rank, time, queries.",
        example: "# let ranks = select(hub(), glyphs(n: 500), metric: \"logme\")\n# let best = ranks.top(3)"
    )) { args in
        let data = try args.dataset(1)
        let metric = try TransferabilityMetric(name: try args.string(2))
        let mode = try SelectionMode(name: try args.string(3))
        return .host(RankingObject(try ModelSelector.select(
            try models(args, 0), data: data, metric: metric, mode: mode) { args.interpreter.interrupt.isRaised }))
    }

    nonisolated(unsafe) static let top = NativeFunction(spec: BuiltinSpec(
        name: "top", parameters: [ParameterSpec("k", types: ["integer"], doc: "how many")],
        summary: "The k best-ranked models, best first.", example: "# let picked = ranks.top(3)", receiver: "ranking"
    )) { args in
        .list(try args.host(0, as: RankingObject.self).ranking.top(try args.int(1)).map { Value.host(ModelObject($0)) })
    }

    nonisolated(unsafe) static let rankingPlot = NativeFunction(spec: BuiltinSpec(
        name: "plot", parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file")],
        summary: "A bar chart of the models' scores.", example: "# ranks.plot(\"out/ranking.png\")", receiver: "ranking"
    )) { args in
        let path = try args.string(1)
        try FigureLibrary.createFolder(for: path)
        try args.host(0, as: RankingObject.self).ranking.plot(path)
        SavedFiles.record(path, by: args.interpreter)
        return .string(path)
    }

    nonisolated(unsafe) static let correlate = NativeFunction(spec: BuiltinSpec(
        name: "correlate",
        parameters: [ParameterSpec("truth", types: ["dictionary"], doc: "each model's accuracy after transfer, by name")],
        summary: "Weighted Kendall τ, Pearson and rel@1, rel@3 of the scores against the true accuracies.",
        example: "# print(ranks.correlate([\"lenet-digits\": 0.9, \"mlp-digits\": 0.8]))", receiver: "ranking"
    )) { args in
        var truth: [String: Double] = [:]
        for (key, value) in try args.dictionary(1).entries {
            guard let name = key.value.string, let accuracy = value.number else {
                throw args.badArgument(1, "dictionary of model name → accuracy expected")
            }
            truth[name] = accuracy
        }
        let c = try args.host(0, as: RankingObject.self).ranking.correlate(truth)
        return .record([
            "weighted_tau": .number(c.weightedTau), "pearson": .number(c.pearson),
            "rel@1": c.rel(at: 1).map(Value.number) ?? .nil, "rel@3": c.rel(at: 3).map(Value.number) ?? .nil,
        ])
    }

    nonisolated(unsafe) static let reprogram = NativeFunction(spec: BuiltinSpec(
        name: "reprogram",
        parameters: [
            ParameterSpec("model", types: ["model"], doc: "the frozen source model (white-box or black-box)"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target training data"),
            ParameterSpec("input", defaultValue: .string("frame:4"), types: ["string"], doc: "'pad:N' (target resized to N×N, learned frame), 'frame:N' or 'full'"),
            ParameterSpec("mapping", defaultValue: .string("ilm"), types: ["string"], doc: "rlm, flm, ilm, many-to-one:m or linear"),
            ParameterSpec("optimizer", defaultValue: .string("adam"), types: ["string"], doc: "adam (white-box), rgf or spsa-gc (black-box)"),
            ParameterSpec("epochs", defaultValue: .int(10), types: ["integer"], doc: "passes over the data"),
            ParameterSpec("lr", defaultValue: .number(0.01), types: ["number"], doc: "learning rate"),
            ParameterSpec("q", defaultValue: .int(5), types: ["integer"], doc: "zeroth-order directions per step"),
            ParameterSpec("budget", defaultValue: .nil, types: ["integer"], doc: "the most queries (black-box)"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the run"),
        ],
        summary: "Reprograms a frozen model for a new task: a learned input transformation and output label mapping.",
        doc: "White-box by Adam through the model; black-box by RGF or SPSA-GC under a query budget that is never exceeded. The checkpoint is chosen on a validation split of the training data.",
        example: "# let rp = reprogram(hub()[\"widecnn-glyphs\"], shapes(n: 600), input: \"pad:20\", mapping: \"flm\", epochs: 5)"
    )) { args in
        var options = ReprogramOptions()
        options.style = try InputTransform.Style(text: try args.string(2))
        options.mapping = try LabelMapping.Kind(text: try args.string(3))
        guard let optimizer = ReprogramOptions.OptimizerKind(rawValue: try args.string(4)) else {
            throw args.badArgument(4, "expected adam, rgf or spsa-gc, got \"\(try args.string(4))\"")
        }
        options.optimizer = optimizer
        options.epochs = try args.int(5)
        options.learningRate = Float(try args.number(6))
        options.directions = try args.int(7)
        options.budget = try args.optionalInt(8)
        options.seed = UInt64(max(try args.int(9), 0))
        let model = try args.host(0, as: ModelObject.self).model
        return .host(ReprogramObject(try Reprogrammer.train(
            model, on: try args.dataset(1), options: options) { args.interpreter.interrupt.isRaised }))
    }

    nonisolated(unsafe) static let pathway = NativeFunction(spec: BuiltinSpec(
        name: "pathway",
        parameters: [
            ParameterSpec("models", types: ["hub", "list"], doc: "the hub's models"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target training data"),
            ParameterSpec("k", defaultValue: .int(2), types: ["integer"], doc: "models activated per input"),
            ParameterSpec("epochs", defaultValue: .int(10), types: ["integer"], doc: "passes over the data"),
            ParameterSpec("lr", defaultValue: .number(3e-3), types: ["number"], doc: "learning rate of the generator and heads"),
            ParameterSpec("finetune", defaultValue: .bool(false), types: ["bool"], doc: "also train each activated model at a tenth of the rate"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the run"),
        ],
        summary: "Trains a Hub-Pathway: a generator routes each input to the top-k models, whose new heads' outputs are aggregated.",
        example: "# let pw = pathway(hub().models, glyphs(n: 500), k: 2, epochs: 5)"
    )) { args in
        var options = PathwayOptions()
        options.k = try args.int(2)
        options.epochs = try args.int(3)
        options.learningRate = Float(try args.number(4))
        options.finetune = try args.bool(5)
        options.seed = UInt64(max(try args.int(6), 0))
        return .host(PathwayObject(try HubPathway.train(
            try models(args, 0), on: try args.dataset(1), options: options) { args.interpreter.interrupt.isRaised }))
    }

    // MARK: - Result methods

    static func accuracy(receiver: String) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: "accuracy", parameters: [ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target data")],
            summary: "Accuracy on labelled target data (black-box models: counted evaluation queries).",
            example: "# print(result.accuracy(task.test))", receiver: receiver
        )) { args in
            let data = try args.dataset(1)
            switch args.receiver {
            case .host(let r as ReprogramObject): return .number(try r.result.accuracy(data))
            case .host(let p as PathwayObject): return .number(try p.pathway.accuracy(data))
            default: throw args.badArgument(-1, "\(receiver) expected")
            }
        }
    }

    static func predict(receiver: String) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: "predict", parameters: [ParameterSpec("x", types: ["tensor", "dataset"], doc: "target inputs")],
            summary: "Predicted target classes.", example: "# result.predict(task.test)", receiver: receiver
        )) { args in
            let x: Tensor
            if case .host(let d as DatasetObject) = args[1] { x = d.dataset.inputs } else { x = try args.tensor(1) }
            let predicted: [Int]
            switch args.receiver {
            case .host(let r as ReprogramObject): predicted = try r.result.predict(x)
            case .host(let p as PathwayObject): predicted = try p.pathway.predict(x)
            default: throw args.badArgument(-1, "\(receiver) expected")
            }
            return .list(predicted.map { Value.int($0) })
        }
    }

    static func save(receiver: String) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: "save", parameters: [ParameterSpec("path", types: ["string"], doc: "a .safetensors file")],
            summary: "Writes the learned parameters as safetensors, atomically.",
            example: "# result.save(\"out/result.safetensors\")", receiver: receiver
        )) { args in
            let path = try args.string(1)
            switch args.receiver {
            case .host(let r as ReprogramObject): try r.result.save(path: path)
            case .host(let p as PathwayObject): try p.pathway.save(path: path)
            default: throw args.badArgument(-1, "\(receiver) expected")
            }
            return .string(path)
        }
    }

    nonisolated(unsafe) static let reprogramPlot = NativeFunction(spec: BuiltinSpec(
        name: "plot", parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file")],
        summary: "Training curves: loss, training and validation accuracy, queries.",
        example: "# rp.plot(\"out/reprogram-curves.png\")", receiver: "reprogrammed"
    )) { args in
        let path = try args.string(1)
        try FigureLibrary.createFolder(for: path)
        try args.host(0, as: ReprogramObject.self).result.plot(path: path)
        SavedFiles.record(path, by: args.interpreter)
        return .string(path)
    }

    nonisolated(unsafe) static let samples = NativeFunction(spec: BuiltinSpec(
        name: "samples",
        parameters: [ParameterSpec("data", types: ["dataset", "split"], doc: "target data"),
                     ParameterSpec("path", types: ["string"], doc: "the .png file"),
                     ParameterSpec("count", defaultValue: .int(16), types: ["integer"], doc: "how many inputs")],
        summary: "A grid of reprogrammed inputs with their predicted labels, as PNG.",
        example: "# rp.samples(task.test, \"out/samples.png\")", receiver: "reprogrammed"
    )) { args in
        let path = try args.string(2)
        try FigureLibrary.createFolder(for: path)
        try args.host(0, as: ReprogramObject.self).result.samples(try args.dataset(1), count: try args.int(3)).png(path: path)
        SavedFiles.record(path, by: args.interpreter)
        return .string(path)
    }

    nonisolated(unsafe) static let pathwayPlot = NativeFunction(spec: BuiltinSpec(
        name: "plot",
        parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file"),
                     ParameterSpec("data", defaultValue: .nil, types: ["dataset"], doc: "data whose routing to show (default: the training routing)")],
        summary: "One figure: routing heatmap (class × model), model usage bars and training curves.",
        example: "# pw.plot(\"out/routing.png\", task.test)", receiver: "pathway"
    )) { args in
        let path = try args.string(1)
        try FigureLibrary.createFolder(for: path)
        try args.host(0, as: PathwayObject.self).pathway.plot(path, data: try args.optionalDataset(2))
        SavedFiles.record(path, by: args.interpreter)
        return .string(path)
    }

    nonisolated(unsafe) static let routing = NativeFunction(spec: BuiltinSpec(
        name: "routing", parameters: [ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target data")],
        summary: "Per class and model: activation frequency and mean weight; routing entropy.",
        example: "# print(pw.routing(task.test)[\"table\"])", receiver: "pathway"
    )) { args in
        let stats = try args.host(0, as: PathwayObject.self).pathway.routing(try args.dataset(1))
        func matrix(_ m: [[Double]]) -> Value { .list(m.map { row in .list(row.map(Value.number)) }) }
        return .record([
            "models": .list(stats.modelNames.map { Value.string($0) }), "frequency": matrix(stats.frequency),
            "mean_weight": matrix(stats.meanWeight), "entropy": .number(stats.meanEntropy),
            "table": .string(stats.table),
        ])
    }
}
