import Datasets
import Language
import ModelHub
import Selection

/// Source-free model selection and recycling in the language: `select`, `greedy`, `target`,
/// `groundtruth` and `recycle`, with the methods of their results.
enum SelectionBuiltins {
    static var functions: [NativeFunction] { [select, greedy, target, groundtruth, recycle] }
    static var methods: [NativeFunction] { [top, rankingPlot, correlate, truthPlot] }

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
            try MethodLibrary.models(args, 0), data: data, metric: metric, mode: mode) { args.interpreter.interrupt.isRaised }))
    }

    nonisolated(unsafe) static let greedy = NativeFunction(spec: BuiltinSpec(
        name: "greedy",
        parameters: [
            ParameterSpec("models", types: ["hub", "list"], doc: "the candidate models"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target data (training part)"),
            ParameterSpec("metric", defaultValue: .string("logme"), types: ["string"], doc: "the metric scored on the combined outputs"),
            ParameterSpec("mode", defaultValue: .string("auto"), types: ["string"], doc: "auto, white-box or black-box"),
            ParameterSpec("max", defaultValue: .nil, types: ["integer"], doc: "the most models to pick (default: no limit)"),
        ],
        summary: "Greedy forward selection of a subset: adds the model that most raises the score of the combined outputs.",
        doc: "White-box models combine their penultimate features, black-box models their probabilities (as a mixture). Selection stops when no remaining model raises the score. `.models` are the chosen models, in the order they were added.",
        example: "# let picked = greedy(hub(), task.train, metric: \"logme\")\n# print(picked.names)"
    )) { args in
        let metric = try TransferabilityMetric(name: try args.string(2))
        let mode = try SelectionMode(name: try args.string(3))
        return .host(SubsetObject(try ModelSelector.greedy(
            try MethodLibrary.models(args, 0), data: try args.dataset(1), metric: metric, mode: mode,
            maxModels: try args.optionalInt(4)) { args.interpreter.interrupt.isRaised }))
    }

    nonisolated(unsafe) static let target = NativeFunction(spec: BuiltinSpec(
        name: "target",
        parameters: [
            ParameterSpec("name", types: ["string"], doc: "related, mixed, unrelated (built in), uci-digits or mnist (need RECAST_DATA)"),
            ParameterSpec("per_class", defaultValue: .nil, types: ["integer"], doc: "images per class, training and test together (default: the target's own)"),
            ParameterSpec("seed", defaultValue: .int(10_000), types: ["integer"], doc: "fixes the images and the split"),
        ],
        summary: "A built-in target task as a training/test split (60 % of each class for training).",
        doc: "`related`: jittered, noisy glyph letters (like the letter models' source); `mixed`: glyph digits and shapes as 22 disjoint classes; `unrelated`: which degradation an image got (clean, blurred, noisy, pixelated), a task no source model was trained for. docs/methods.md §1 describes them.",
        example: "# let task = target(\"mixed\", per_class: 60)\n# print(task)"
    )) { args in
        let perClass = try args.optionalInt(1)
        let task = try BuiltinTargets.make(
            try args.string(0), perClass: perClass, seed: UInt64(try MethodLibrary.seed(args, 2)))
        return .host(SplitObject(train: task.train, test: task.test))
    }

    nonisolated(unsafe) static let groundtruth = NativeFunction(spec: BuiltinSpec(
        name: "groundtruth",
        parameters: [
            ParameterSpec("models", types: ["hub", "list", "model"], doc: "the models to transfer"),
            ParameterSpec("task", types: ["split"], doc: "the target's training and test data"),
            ParameterSpec("method", defaultValue: .string("probe"), types: ["string"], doc: "probe (a linear head on frozen features) or finetune (every weight)"),
            ParameterSpec("epochs", defaultValue: .int(10), types: ["integer"], doc: "training epochs per model"),
            ParameterSpec("lr", defaultValue: .nil, types: ["number"], doc: "Adam's rate (default 0.01 for probes, 0.001 for fine-tuning)"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the heads and batch order"),
        ],
        summary: "Each model's real target accuracy after transfer: the truth a ranking is judged against.",
        doc: "Black-box models are probed through a head on their probabilities (counted queries). `.accuracies` maps model names to test accuracy; `ranking.correlate(truth)` compares a ranking with it and `truth.plot(path, ranking)` draws the labelled scatter.",
        example: "# let truth = groundtruth(hub(), task, method: \"probe\", epochs: 5)\n# print(ranks.correlate(truth))"
    )) { args in
        let task = try args.host(1, as: SplitObject.self)
        var options = RecycleOptions()
        options.epochs = try args.int(3)
        options.learningRate = try args.optionalNumber(4).map { Float($0) }
        options.seed = UInt64(try MethodLibrary.seed(args, 5))
        return .host(GroundTruthObject(try GroundTruth.measure(
            try MethodLibrary.models(args, 0), train: task.train, test: task.test,
            method: try GroundTruth.Method(name: try args.string(2)), options: options) { args.interpreter.interrupt.isRaised }))
    }

    nonisolated(unsafe) static let recycle = NativeFunction(spec: BuiltinSpec(
        name: "recycle",
        parameters: [
            ParameterSpec("models", types: ["hub", "list", "model"], doc: "the chosen source models"),
            ParameterSpec("data", types: ["dataset", "split"], doc: "target training data (a split also gives the test data)"),
            ParameterSpec("method", defaultValue: .string("probe"), types: ["string"], doc: "probe, bitfit, lora, mix (white-box), head (black-box) or finetune (the reference)"),
            ParameterSpec("epochs", defaultValue: .int(10), types: ["integer"], doc: "training epochs"),
            ParameterSpec("lr", defaultValue: .nil, types: ["number"], doc: "Adam's rate (default: 0.01 heads, biases and mixing; 0.005 LoRA; 0.001 fine-tuning)"),
            ParameterSpec("rank", defaultValue: .int(4), types: ["integer"], doc: "LoRA's rank r"),
            ParameterSpec("batch", defaultValue: .int(64), types: ["integer"], doc: "mini-batch size"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the new layers and batch order"),
        ],
        summary: "Transfers a subset of models with few trainable parameters: a head on their combined outputs.",
        doc: "probe: a linear head on the concatenated frozen features; bitfit: the models' biases and the head; lora: rank-r updates of every linear and convolution weight and the head; mix: learned softmax weights over the models' features, then the head; head: black-box, a head on the concatenated probabilities read through counted queries. The result reports its trainable parameters, accuracy and queries.",
        example: "# let rc = recycle(ranks.top(3), task, method: \"lora\", epochs: 5)\n# print(rc.accuracy(task.test), rc.params)"
    )) { args in
        var options = RecycleOptions()
        options.epochs = try args.int(3)
        options.learningRate = try args.optionalNumber(4).map { Float($0) }
        options.rank = try args.int(5)
        options.batchSize = try args.int(6)
        options.seed = UInt64(try MethodLibrary.seed(args, 7))
        var test: Dataset?
        if case .host(let split as SplitObject) = args[1] { test = split.test }
        return .host(RecycledObject(try Recycler.recycle(
            try MethodLibrary.models(args, 0), train: try args.dataset(1), test: test,
            method: try RecycleMethod(name: try args.string(2)), options: options) { args.interpreter.interrupt.isRaised }))
    }

    // MARK: - Methods of rankings and ground truths

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
        try MethodLibrary.saveFigure(args, at: 1) { try args.host(0, as: RankingObject.self).ranking.plot($0) }
    }

    nonisolated(unsafe) static let correlate = NativeFunction(spec: BuiltinSpec(
        name: "correlate",
        parameters: [ParameterSpec("truth", types: ["groundtruth", "dictionary"], doc: "each model's accuracy after transfer: a groundtruth, or a dictionary by name")],
        summary: "Weighted Kendall τ, Pearson and rel@1, rel@3 of the scores against the true accuracies.",
        example: "# print(ranks.correlate([\"lenet-digits\": 0.9, \"mlp-digits\": 0.8]))", receiver: "ranking"
    )) { args in
        var truth: [String: Double] = [:]
        if case .host(let measured as GroundTruthObject) = args[1] {
            truth = measured.truth.accuracies
        } else {
            for (key, value) in try args.dictionary(1).entries {
                guard let name = key.value.string, let accuracy = value.number else {
                    throw args.badArgument(1, "dictionary of model name → accuracy expected")
                }
                truth[name] = accuracy
            }
        }
        let c = try args.host(0, as: RankingObject.self).ranking.correlate(truth)
        return .record([
            "weighted_tau": .number(c.weightedTau), "pearson": .number(c.pearson),
            "rel@1": c.rel(at: 1).map(Value.number) ?? .nil, "rel@3": c.rel(at: 3).map(Value.number) ?? .nil,
        ])
    }

    nonisolated(unsafe) static let truthPlot = NativeFunction(spec: BuiltinSpec(
        name: "plot",
        parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file"),
                     ParameterSpec("ranking", types: ["ranking"], doc: "the metric's scores to plot against")],
        summary: "A labelled scatter: each model's true accuracy against its metric score, with weighted τ.",
        example: "# truth.plot(\"out/logme-vs-probe.png\", ranks)", receiver: "groundtruth"
    )) { args in
        let ranking = try args.host(2, as: RankingObject.self).ranking
        return try MethodLibrary.saveFigure(args, at: 1) {
            try args.host(0, as: GroundTruthObject.self).truth.plot(against: ranking, path: $0)
        }
    }
}
