import Datasets
import Foundation
import Language
import Learning
import ModelHub
import Tensors

/// The `models` library: the model library (`hub`), architectures, training and evaluation, and
/// the methods of models and hubs.
enum ModelLibraryBuiltins {
    static var library: Library {
        Library(
            name: "models", summary: "The model library, white-box and black-box models, training and evaluation.",
            functions: [hub, model, loadModel, fit, evaluate],
            methods: [predict, probabilities, logits, features, evaluateMethod, save, blackBox, copy, hubGet, hubBlackBox, hubAdd])
    }

    nonisolated(unsafe) static let hub = NativeFunction(spec: BuiltinSpec(
        name: "hub",
        parameters: [ParameterSpec("path", defaultValue: .nil, types: ["string"], doc: "a directory of .safetensors model files; none for the default library")],
        summary: "Opens a model library: a directory of model files, or the default one (built on first use).",
        doc: "The default library (ten source models on the built-in domains) is built once into $RECAST_HOME (default ~/.cache/recast) and opens in well under a second afterwards. See docs/library.md.",
        example: "# let lib = hub()\n# print(len(lib))  # 10"
    )) { args in
        if let path = try args.optionalString(0) { return .host(LibraryObject(try ModelLibrary.open(path))) }
        return .host(LibraryObject(try DefaultLibrary.open { args.interpreter.interrupt.isRaised }))
    }

    nonisolated(unsafe) static let model = NativeFunction(spec: BuiltinSpec(
        name: "model",
        parameters: [
            ParameterSpec("architecture", types: ["string"], doc: "a one-line spec or a preset (mlp, lenet5, widecnn), optionally with classes=N"),
            ParameterSpec("classes", defaultValue: .nil, types: ["list", "integer"], doc: "class names, or a count"),
            ParameterSpec("input_shape", defaultValue: .list([.int(1), .int(28), .int(28)]), types: ["list"], doc: "one input's shape"),
            ParameterSpec("name", defaultValue: .string("model"), types: ["string"], doc: "the model's name"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the initial weights (PyTorch's default initialisation)"),
        ],
        summary: "A new white-box model from an architecture spec, initialised as PyTorch would.",
        example: "let net = model(\"lenet5\")\nprint(net.params)  # 61706"
    )) { args in
        let network = try Architecture.parse(try args.string(0), seed: UInt64(max(try args.int(4), 0)))
        let outputs = network.outputSize ?? 0
        var classes = (0..<outputs).map(String.init)
        switch args[1] {
        case .nil: break
        case .list(let list): classes = list.elements.map { $0.string ?? $0.repr }
        default: classes = (0..<(try args.int(1))).map(String.init)
        }
        let shape = try args.list(2).elements.map { value -> Int in
            guard let n = value.integer, n > 0 else { throw args.badArgument(2, "input_shape must list positive integers") }
            return n
        }
        let card = ModelCard(
            name: try args.string(3), architecture: network.spec, sourceTask: "trained in Recast",
            classNames: classes, inputShape: shape)
        return .host(ModelObject(try Model(card: card, network: network)))
    }

    nonisolated(unsafe) static let loadModel = NativeFunction(spec: BuiltinSpec(
        name: "load_model",
        parameters: [
            ParameterSpec("path", types: ["string"], doc: "a .safetensors file"),
            ParameterSpec("architecture", defaultValue: .nil, types: ["string"], doc: "for a plain PyTorch state dict: its spec"),
            ParameterSpec("input_shape", defaultValue: .nil, types: ["list"], doc: "for a plain PyTorch state dict: one input's shape"),
        ],
        summary: "Loads a model file: a Recast model, or a PyTorch nn.Sequential state dict saved with safetensors given its spec.",
        example: "# let m = load_model(\"lenet.safetensors\", architecture: \"lenet5\", input_shape: [1, 28, 28])"
    )) { args in
        let shape = try args[2].isNil ? nil : args.list(2).elements.compactMap(\.integer)
        return .host(ModelObject(try Model.load(
            path: try args.string(0), architecture: try args.optionalString(1), inputShape: shape)))
    }

    nonisolated(unsafe) static let fit = NativeFunction(spec: BuiltinSpec(
        name: "fit",
        parameters: [
            ParameterSpec("model", types: ["model"], doc: "a white-box model, trained in place"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "training data (a split's training part)"),
            ParameterSpec("epochs", defaultValue: .int(5), types: ["integer"], doc: "passes over the data"),
            ParameterSpec("lr", defaultValue: .number(1e-3), types: ["number"], doc: "learning rate"),
            ParameterSpec("batch", defaultValue: .int(64), types: ["integer"], doc: "batch size"),
            ParameterSpec("optimizer", defaultValue: .string("adam"), types: ["string"], doc: "sgd, momentum, nesterov, adam or adamw"),
            ParameterSpec("weight_decay", defaultValue: .number(0), types: ["number"], doc: "L2 (decoupled for adamw)"),
            ParameterSpec("val", defaultValue: .nil, types: ["dataset"], doc: "data to evaluate after each epoch"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the batch order"),
            ParameterSpec("schedule", defaultValue: .string("constant"), types: ["string"], doc: "constant, cosine or step (×0.1 at 50% and 75%)"),
        ],
        summary: "Trains a model on labelled data and returns its per-epoch history.",
        doc: "Shows a progress bar on a terminal (epoch, loss, accuracy, samples/s, time left). Ctrl-C stops at the next batch; the model keeps what it learned and the history says interrupted.",
        example: "let net = model(\"linear(4,3)\", input_shape: [4])\nlet d = dataset(randn(6, 4), [0, 1, 2, 0, 1, 2])\nlet h = fit(net, d, epochs: 2)\nprint(len(h.loss))  # 2"
    )) { args in
        let white = try whiteModel(args, 0, for: "training")
        let data = try args.dataset(1)
        var options = TrainingOptions()
        options.epochs = try args.int(2)
        options.learningRate = Float(try args.number(3))
        options.batchSize = try args.int(4)
        guard let kind = TrainingOptions.OptimizerKind(rawValue: try args.string(5)) else {
            throw args.badArgument(5, "expected sgd, momentum, nesterov, adam or adamw, got \"\(try args.string(5))\"")
        }
        options.optimizer = kind
        options.weightDecay = Float(try args.number(6))
        options.seed = UInt64(max(try args.int(8), 0))
        switch try args.string(9) {
        case "constant": options.schedule = .constant
        case "cosine": options.schedule = .cosine(epochs: options.epochs, minimum: 0)
        case "step": options.schedule = .multiStep(milestones: [options.epochs / 2, options.epochs * 3 / 4], gamma: 0.1)
        default: throw args.badArgument(9, "expected constant, cosine or step, got \"\(try args.string(9))\"")
        }
        let x = try InputAdapter.adapt(data.inputs, to: white.card.inputShape, model: white.card.name)
        let validation = try args.optionalDataset(7).map { v in
            (try InputAdapter.adapt(v.inputs, to: white.card.inputShape, model: white.card.name), v.labels)
        }
        let history = try Trainer.fit(
            white, inputs: x, labels: data.labels, options: options, validation: validation) { args.interpreter.interrupt.isRaised }
        return .host(HistoryObject(history))
    }

    nonisolated(unsafe) static let evaluate = NativeFunction(spec: BuiltinSpec(
        name: "evaluate",
        parameters: [
            ParameterSpec("model", types: ["model"], doc: "the model"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "labelled data (a split's test part is not taken: pass task.test)"),
        ],
        summary: "Accuracy, mean loss and confusion matrix of a model on labelled data.",
        doc: "A black-box model answers through counted evaluation queries (the loss is then the cross-entropy of its probabilities).",
        example: "let net = model(\"linear(4,2)\", input_shape: [4])\nlet r = evaluate(net, dataset(randn(4, 4), [0, 1, 0, 1]))\nprint(r[\"accuracy\"] <= 1)  # true"
    )) { args in
        try evaluation(try args.host(0, as: ModelObject.self).model, try args.dataset(1))
    }

    /// Evaluation through the model's access: the network for white-box models, counted queries otherwise.
    static func evaluation(_ model: SourceModel, _ data: Dataset) throws -> Value {
        let x = try InputAdapter.adapt(data.inputs, to: model.card.inputShape, model: model.name)
        let result: Evaluation
        if let white = model as? Model {
            result = try Trainer.evaluate(white, inputs: x, labels: data.labels)
        } else {
            let p = try model.probabilities(x, for: .evaluation)
            result = try Evaluation(probabilities: p, labels: data.labels)
        }
        return .record([
            "accuracy": .number(result.accuracy), "loss": .number(result.loss),
            "confusion": .list(result.confusion.map { row in .list(row.map { Value.int($0) }) }),
        ])
    }

    static func whiteModel(_ args: Arguments, _ index: Int, for what: String) throws -> Model {
        try args.host(index, as: ModelObject.self).model.whiteBox(for: what)
    }

    // MARK: - Model methods

    static func method(
        _ name: String, _ parameters: [ParameterSpec] = [], summary: String, doc: String = "", example: String,
        _ body: @escaping (Arguments, SourceModel) throws -> Value
    ) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: name, parameters: parameters, summary: summary, doc: doc, example: example, receiver: "model"
        )) { args in try body(args, try args.host(0, as: ModelObject.self).model) }
    }

    nonisolated(unsafe) static let inputsParameter = ParameterSpec("x", types: ["tensor", "dataset"], doc: "inputs N×… in [0, 1], or a data set")

    /// The inputs of a method call, adapted to the model's input shape.
    static func inputs(_ args: Arguments, _ model: SourceModel) throws -> Tensor {
        let x: Tensor
        if case .host(let object) = args[1], object is DatasetObject || object is SplitObject {
            x = try args.dataset(1).inputs
        } else {
            x = try args.tensor(1)
        }
        return try InputAdapter.adapt(x, to: model.card.inputShape, model: model.name)
    }

    nonisolated(unsafe) static let predict = method(
        "predict", [inputsParameter], summary: "Predicted classes (a list of integers).",
        doc: "Black-box models answer through counted queries.",
        example: "let net = model(\"linear(4,3)\", input_shape: [4])\nprint(len(net.predict(randn(5, 4))))  # 5"
    ) { args, model in
        .list(try model.probabilities(try inputs(args, model), for: .evaluation).argMaxIndices(axis: -1).map { Value.int($0) })
    }

    nonisolated(unsafe) static let probabilities = method(
        "probabilities", [inputsParameter], summary: "Output probabilities, N×classes.",
        doc: "The only answer a black-box model gives; each input row is one query.",
        example: "let net = model(\"linear(4,3)\", input_shape: [4])\nprint(net.probabilities(randn(2, 4)).shape)  # [2, 3]"
    ) { args, model in
        .host(TensorObject(try model.probabilities(try inputs(args, model), for: .evaluation)))
    }

    nonisolated(unsafe) static let logits = method(
        "logits", [inputsParameter], summary: "Output logits, N×classes (white-box only).",
        example: "let net = model(\"linear(4,3)\", input_shape: [4])\nprint(net.logits(randn(2, 4)).shape)  # [2, 3]"
    ) { args, model in
        let white = try model.whiteBox(for: "logits")
        return .host(TensorObject(try withNoGrad { try white.logits(try inputs(args, model)) }))
    }

    nonisolated(unsafe) static let features = method(
        "features", [inputsParameter], summary: "Penultimate features, N×D: the input of the last linear layer (white-box only).",
        example: "let net = model(\"lenet5\")\nprint(net.features(zeros(2, 1, 28, 28)).shape)  # [2, 84]"
    ) { args, model in
        .host(TensorObject(try model.whiteBox(for: "features").extractFeatures(try inputs(args, model))))
    }

    nonisolated(unsafe) static let evaluateMethod = method(
        "evaluate", [ParameterSpec("data", types: ["dataset", "split"], doc: "labelled data")],
        summary: "Accuracy, loss and confusion matrix on labelled data (same as evaluate(model, data)).",
        example: "let net = model(\"linear(4,2)\", input_shape: [4])\nprint(net.evaluate(dataset(randn(4, 4), [0, 1, 0, 1]))[\"accuracy\"] >= 0)  # true"
    ) { args, model in try evaluation(model, try args.dataset(1)) }

    nonisolated(unsafe) static let save = method(
        "save", [ParameterSpec("path", types: ["string"], doc: "the .safetensors file to write")],
        summary: "Writes the model (weights and card) as safetensors, atomically (white-box only).",
        example: "# model(\"lenet5\").save(\"lenet.safetensors\")"
    ) { args, model in
        try model.whiteBox(for: "saving its weights").save(path: try args.string(1))
        return .nil
    }

    nonisolated(unsafe) static let blackBox = method(
        "blackbox",
        [ParameterSpec("budget", defaultValue: .nil, types: ["integer"], doc: "the most queries it will answer"),
         ParameterSpec("top_k", defaultValue: .nil, types: ["integer"], doc: "answer only the k largest probabilities")],
        summary: "A black-box view of this model: probabilities only, counted queries, an optional budget.",
        example: "let bb = model(\"linear(4,3)\", input_shape: [4]).blackbox(budget: 100)\nprint(bb.access)  # black-box"
    ) { args, model in
        .host(ModelObject(try BlackBoxModel(
            try model.whiteBox(for: "a new black-box view"), budget: try args.optionalInt(1), topK: try args.optionalInt(2))))
    }

    nonisolated(unsafe) static let copy = method(
        "copy", summary: "An independent copy of a white-box model (same weights).",
        example: "let a = model(\"lenet5\")\nlet b = a.copy()\nprint(b.params)  # 61706"
    ) { _, model in .host(ModelObject(try model.whiteBox(for: "copying its weights").copy())) }

    // MARK: - Hub methods

    nonisolated(unsafe) static let hubGet = NativeFunction(spec: BuiltinSpec(
        name: "get", parameters: [ParameterSpec("name", types: ["string"], doc: "the model's name")],
        summary: "The white-box model with this name (same as lib[name]).",
        example: "# let m = hub().get(\"lenet-digits\")", receiver: "hub"
    )) { args in
        .host(ModelObject(try args.host(0, as: LibraryObject.self).library.model(named: try args.string(1))))
    }

    nonisolated(unsafe) static let hubBlackBox = NativeFunction(spec: BuiltinSpec(
        name: "blackbox",
        parameters: [
            ParameterSpec("name", types: ["string"], doc: "the model's name"),
            ParameterSpec("budget", defaultValue: .nil, types: ["integer"], doc: "the most queries it will answer"),
            ParameterSpec("top_k", defaultValue: .nil, types: ["integer"], doc: "answer only the k largest probabilities"),
        ],
        summary: "A black-box view of a library model: probabilities only, counted queries, an optional budget.",
        example: "# let bb = hub().blackbox(\"lenet-digits\", budget: 10000)", receiver: "hub"
    )) { args in
        .host(ModelObject(try args.host(0, as: LibraryObject.self).library.blackBox(
            named: try args.string(1), budget: try args.optionalInt(2), topK: try args.optionalInt(3))))
    }

    nonisolated(unsafe) static let hubAdd = NativeFunction(spec: BuiltinSpec(
        name: "add", parameters: [ParameterSpec("model", types: ["model"], doc: "a white-box model")],
        summary: "Adds a model to the library (replacing one of the same name) and saves it in the library's directory.",
        example: "# hub(\"my-models\").add(net)", receiver: "hub"
    )) { args in
        try args.host(0, as: LibraryObject.self).library.add(try whiteModel(args, 1, for: "adding to a library"))
        return .nil
    }
}
