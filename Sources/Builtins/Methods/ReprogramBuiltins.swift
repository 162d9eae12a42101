import Datasets
import Language
import Learning
import ModelHub
import Reprogramming

/// Model reprogramming in the language: `reprogram`, its baselines (`baseline`) and
/// `load_reprogrammed`, with the methods of a reprogrammed model.
enum ReprogramBuiltins {
    static var functions: [NativeFunction] { [reprogram, baseline, loadReprogrammed] }
    static var methods: [NativeFunction] { [plot, samples] }

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
            ParameterSpec("val", defaultValue: .number(0.1), types: ["number"], doc: "share of the training data held out to choose the checkpoint (0: keep the last)"),
            ParameterSpec("loss", defaultValue: .string("ce"), types: ["string"], doc: "ce, or focal (γ = 2) or focal:γ"),
            ParameterSpec("bound", defaultValue: .string("sigmoid"), types: ["string"], doc: "how θ is bounded: sigmoid, tanh or clamp"),
            ParameterSpec("l2", defaultValue: .number(0), types: ["number"], doc: "λ of the L2 penalty on the perturbation"),
            ParameterSpec("batch", defaultValue: .int(64), types: ["integer"], doc: "mini-batch size"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the run"),
        ],
        summary: "Reprograms a frozen model for a new task: a learned input transformation and output label mapping.",
        doc: "White-box by Adam through the model; black-box by RGF or SPSA-GC under a query budget that is never exceeded (training stops cleanly, keeping the best perturbation). The checkpoint is chosen on a validation split of the training data, never on test data. The result has `.perturbation` (a tensor), `.mapping` (a table), `.queries` (training, mapping, evaluation, total), `.history`, `.params`.",
        example: "# let rp = reprogram(hub().get(\"widecnn-glyphs\"), shapes(n: 600), input: \"pad:20\", mapping: \"flm\", epochs: 5)"
    )) { args in
        var options = ReprogramOptions()
        options.style = try InputTransform.Style(text: try args.string(2))
        options.mapping = try LabelMapping.Kind(text: try args.string(3))
        guard let optimizer = ReprogramOptions.OptimizerKind(rawValue: try args.string(4)) else {
            throw args.badArgument(4, "expected adam, rgf or spsa-gc, got \(Value.quoted(try args.string(4)))")
        }
        options.optimizer = optimizer
        options.epochs = try args.int(5)
        options.learningRate = Float(try args.number(6))
        options.directions = try args.int(7)
        options.budget = try args.optionalInt(8)
        options.validationFraction = try args.number(9)
        options.loss = try loss(args, 10)
        guard let bound = InputTransform.Bound(rawValue: try args.string(11)) else {
            throw args.badArgument(11, "expected sigmoid, tanh or clamp, got \(Value.quoted(try args.string(11)))")
        }
        options.bound = bound
        options.l2 = Float(try args.number(12))
        options.batchSize = try args.int(13)
        options.seed = UInt64(try MethodLibrary.seed(args, 14))
        let model = try args.host(0, as: ModelObject.self).model
        return .host(ReprogramObject(try Reprogrammer.train(
            model, on: try args.dataset(1), options: options) { args.interpreter.interrupt.isRaised }))
    }

    /// The loss named at `index`: `ce`, `focal` (γ = 2) or `focal:γ`.
    static func loss(_ args: Arguments, _ index: Int) throws -> TrainingOptions.Loss {
        let text = try args.string(index)
        if text == "ce" || text == "cross-entropy" { return .crossEntropy }
        if text == "focal" { return .focal(gamma: 2) }
        if text.hasPrefix("focal:"), let gamma = Float(text.dropFirst(6)), gamma >= 0, gamma.isFinite {
            return .focal(gamma: gamma)
        }
        throw args.badArgument(index, "expected ce, focal or focal:γ with γ ≥ 0, got \(Value.quoted(text))")
    }

    nonisolated(unsafe) static let baseline = NativeFunction(spec: BuiltinSpec(
        name: "baseline",
        parameters: [
            ParameterSpec("model", types: ["model"], doc: "the source model the baseline goes through"),
            ParameterSpec("task", types: ["split"], doc: "the target's training and test data"),
            ParameterSpec("kind", defaultValue: .string("linear-probe"), types: ["string"], doc: "linear-probe (white-box), probability-head (black-box) or scratch"),
            ParameterSpec("epochs", defaultValue: .int(20), types: ["integer"], doc: "training epochs"),
            ParameterSpec("lr", defaultValue: .nil, types: ["number"], doc: "Adam's rate (default 0.01 for heads, 0.001 from scratch)"),
            ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the new layers and batch order"),
        ],
        summary: "What the target reaches without reprogramming: a linear probe, a head on the probabilities, or the architecture from scratch.",
        doc: "Returns a dictionary: kind, accuracy (on the test data), params (trained values) and queries (rows through the model: total, training, mapping, evaluation).",
        example: "# let probe = baseline(best, task, kind: \"linear-probe\")\n# print(probe[\"accuracy\"])"
    )) { args in
        let task = try args.host(1, as: SplitObject.self)
        guard let kind = Baseline(rawValue: try args.string(2)) else {
            throw args.badArgument(2, "expected linear-probe, probability-head or scratch, got \(Value.quoted(try args.string(2)))")
        }
        var options = BaselineOptions()
        options.epochs = try args.int(3)
        options.learningRate = try args.optionalNumber(4).map { Float($0) }
        options.seed = UInt64(try MethodLibrary.seed(args, 5))
        let result = try kind.run(
            try args.host(0, as: ModelObject.self).model, train: task.train, test: task.test, options: options
        ) { args.interpreter.interrupt.isRaised }
        return .record([
            "kind": .string(kind.rawValue), "accuracy": .number(result.accuracy),
            "params": .int(result.trainableParameters), "queries": ReprogramObject.queries(result.queries),
        ])
    }

    nonisolated(unsafe) static let loadReprogrammed = NativeFunction(spec: BuiltinSpec(
        name: "load_reprogrammed",
        parameters: [
            ParameterSpec("path", types: ["string"], doc: "a file written by reprogrammed.save"),
            ParameterSpec("model", types: ["model"], doc: "the source model it was trained on"),
        ],
        summary: "Reads a reprogrammed model back: the perturbation and label mapping, applied to the given source model.",
        example: "# let again = load_reprogrammed(\"out/rp.safetensors\", best)"
    )) { args in
        .host(ReprogramObject(try ReprogramResult.load(
            path: try args.string(0), model: try args.host(1, as: ModelObject.self).model)))
    }

    nonisolated(unsafe) static let plot = NativeFunction(spec: BuiltinSpec(
        name: "plot", parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file")],
        summary: "Training curves: loss, training and validation accuracy, queries.",
        example: "# rp.plot(\"out/reprogram-curves.png\")", receiver: "reprogrammed"
    )) { args in
        try MethodLibrary.saveFigure(args, at: 1) { try args.host(0, as: ReprogramObject.self).result.plot(path: $0) }
    }

    nonisolated(unsafe) static let samples = NativeFunction(spec: BuiltinSpec(
        name: "samples",
        parameters: [ParameterSpec("data", types: ["dataset", "split"], doc: "target data"),
                     ParameterSpec("path", types: ["string"], doc: "the .png file"),
                     ParameterSpec("count", defaultValue: .int(16), types: ["integer"], doc: "how many inputs")],
        summary: "A grid of reprogrammed inputs with their predicted labels, as PNG.",
        example: "# rp.samples(task.test, \"out/samples.png\")", receiver: "reprogrammed"
    )) { args in
        let result = try args.host(0, as: ReprogramObject.self).result
        let grid = try result.samples(try args.dataset(1), count: try args.int(3))
        return try MethodLibrary.saveFigure(args, at: 2) { try grid.png(path: $0) }
    }
}
