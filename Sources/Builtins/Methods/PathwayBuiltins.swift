import Datasets
import Language
import ModelHub
import Pathways

/// Hub-Pathway in the language: `pathway` (with its baselines and ablations as variants) and
/// `load_pathway`, with the methods of a trained pathway.
enum PathwayBuiltins {
    static var functions: [NativeFunction] { [pathway, loadPathway] }
    static var methods: [NativeFunction] { [plot, routing] }

    nonisolated(unsafe) static let pathway = NativeFunction(spec: BuiltinSpec(
        name: "pathway",
        parameters: [
            ParameterSpec("models", types: ["hub", "list"], doc: "the hub's models (any mix of architectures; black-box models are read through counted queries)"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target training data"),
            ParameterSpec("k", defaultValue: .int(2), types: ["integer"], doc: "models activated per input"),
            ParameterSpec("epochs", defaultValue: .int(10), types: ["integer"], doc: "passes over the data"),
            ParameterSpec("lr", defaultValue: .number(3e-3), types: ["number"], doc: "learning rate of the generator and heads"),
            ParameterSpec("noise", defaultValue: .string("learned"), types: ["string", "number"], doc: "training noise on the routing logits: learned, none, or a fixed σ"),
            ParameterSpec("explore", defaultValue: .string("cv2"), types: ["string"], doc: "exploration loss: cv2, entropy or none"),
            ParameterSpec("explore_weight", defaultValue: .number(0.01), types: ["number"], doc: "λ of the exploration loss"),
            ParameterSpec("exploit", defaultValue: .number(1), types: ["number"], doc: "λ of each activated model's own loss (0 turns exploitation off)"),
            ParameterSpec("finetune", defaultValue: .bool(false), types: ["bool"], doc: "also train each activated white-box model at a tenth of the rate"),
            ParameterSpec("variant", defaultValue: .string("pathway"), types: ["string"], doc: "pathway, or a baseline or ablation: best-single, uniform-ensemble, dense, no-noise, no-exploration, no-exploitation"),
            ParameterSpec("batch", defaultValue: .int(64), types: ["integer"], doc: "mini-batch size"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the run"),
        ],
        summary: "Trains a Hub-Pathway: a generator routes each input to the top-k models, whose new heads' outputs are aggregated.",
        doc: "Noisy top-k gating (no noise at evaluation), an exploration loss keeping pathways diverse, and exploitation: each activated model's head (and with finetune the model) trains on the inputs routed to it. Only the k activated models run on an input (`.runs` counts them). Variants train the baselines and ablations at the same budget: `best-single` picks the model whose head does best on held-out training data.",
        example: "# let pw = pathway(hub().models, glyphs(n: 500), k: 2, epochs: 5)\n# let ensemble = pathway(hub().models, glyphs(n: 500), variant: \"uniform-ensemble\")"
    )) { args in
        var options = PathwayOptions()
        options.k = try args.int(2)
        options.epochs = try args.int(3)
        options.learningRate = Float(try args.number(4))
        options.noise = try noise(args, 5)
        guard let exploration = PathwayOptions.Exploration(rawValue: try args.string(6)) else {
            throw args.badArgument(6, "expected cv2, entropy or none, got \(Value.quoted(try args.string(6)))")
        }
        options.exploration = exploration
        options.explorationWeight = Float(try args.number(7))
        options.exploitationWeight = Float(try args.number(8))
        options.finetune = try args.bool(9)
        guard let variant = PathwayVariant(rawValue: try args.string(10)) else {
            let known = PathwayVariant.allCases.map(\.rawValue).joined(separator: ", ")
            throw args.badArgument(10, "expected one of \(known), got \(Value.quoted(try args.string(10)))")
        }
        options.batchSize = try args.int(11)
        options.seed = UInt64(try MethodLibrary.seed(args, 12))
        let models = try MethodLibrary.models(args, 0)
        if variant == .uniformEnsemble || variant == .dense { options.k = models.count }
        return .host(PathwayObject(try HubPathway.train(
            variant, models, on: try args.dataset(1), options: options) { args.interpreter.interrupt.isRaised }))
    }

    /// The routing noise at `index`: `learned`, `none`, or a number σ.
    static func noise(_ args: Arguments, _ index: Int) throws -> PathwayOptions.Noise {
        if let sigma = args[index].number { return .fixed(Float(sigma)) }
        switch try args.string(index) {
        case "learned": return .learned
        case "none": return .none
        case let other: throw args.badArgument(index, "expected learned, none or a number σ, got \(Value.quoted(other))")
        }
    }

    nonisolated(unsafe) static let loadPathway = NativeFunction(spec: BuiltinSpec(
        name: "load_pathway",
        parameters: [
            ParameterSpec("path", types: ["string"], doc: "a file written by pathway.save"),
            ParameterSpec("hub", types: ["hub"], doc: "the library holding the pathway's models"),
        ],
        summary: "Reads a trained pathway back, with its models taken from the library by name.",
        example: "# let again = load_pathway(\"out/pathway.safetensors\", hub())"
    )) { args in
        .host(PathwayObject(try HubPathway.load(
            path: try args.string(0), library: try args.host(1, as: LibraryObject.self).library)))
    }

    nonisolated(unsafe) static let plot = NativeFunction(spec: BuiltinSpec(
        name: "plot",
        parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file"),
                     ParameterSpec("data", defaultValue: .nil, types: ["dataset"], doc: "data whose routing to show (default: the training routing)")],
        summary: "One figure: routing heatmap (class × model), model usage bars and training curves.",
        example: "# pw.plot(\"out/routing.png\", task.test)", receiver: "pathway"
    )) { args in
        let data = try args.optionalDataset(2)
        return try MethodLibrary.saveFigure(args, at: 1) {
            try args.host(0, as: PathwayObject.self).pathway.plot($0, data: data)
        }
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
