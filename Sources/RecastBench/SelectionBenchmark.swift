import Datasets
import Foundation
import Learning
import ModelHub
import Selection
import Tensors

/// Model selection: LogME's speed against numpy (`logme`), every metric on a library's
/// extracted outputs (`metrics`), and the full experiment of docs/methods-selection.md
/// (`selection-table`): every metric on the default library and the built-in targets, the
/// fine-tuned ground truth, how well each metric predicts it, and recycling on the mixed target.
///
/// `metrics` and `selection-table` open the default library in RECAST_HOME (building it on
/// first use, a minute or two).
enum SelectionBenchmark {
    static var sections: [Benchmark] {
        [
            Benchmark(name: "logme", context: logmeContext, run: runLogME),
            Benchmark(name: "metrics", context: metricsContext, run: runMetrics),
            Benchmark(name: "selection-table", context: tableContext, run: runTable),
        ]
    }

    // MARK: - logme

    static func logmeContext() -> [String] {
        ["Recast: LogME (fixed-point form, Float64, LAPACK), N=2000 D=512 C=10 closed-form features, best of 5"]
    }

    /// LogME on the closed-form features of scripts/bench_peers/logme.py (seconds per score).
    static func runLogME() throws -> [Measurement] {
        let (n, d, c) = (2000, 512, 10)
        let labels = (0..<n).map { $0 % c }
        var f = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for j in 0..<d {
                let (x, y) = (Double(i), Double(j))
                f[i * d + j] = sin(0.7 * x + 1.3 * y) + 0.1 * cos(0.3 * x * (y + 1)) + (j % c == labels[i] ? 0.8 : 0)
            }
        }
        let features = try Matrix(rows: n, cols: d, scalars: f)
        var score = 0.0
        let best = try Stopwatch.best(samples: 5, warmup: 1) { score = try logME(features: features, labels: labels) }
        FileHandle.standardError.write(Data(String(format: "score %.12f\n", score).utf8))
        return [Measurement(section: "logme", name: "logme", value: best, unit: "s")]
    }

    // MARK: - metrics

    static func metricsContext() -> [String] {
        ["Recast: all 6 metrics x 10 default-library models x 2000 mixed-target samples, outputs already extracted"]
    }

    /// Every metric on every model's extracted features or probabilities (seconds, best of 3).
    static func runMetrics() throws -> [Measurement] {
        let library = try DefaultLibrary.open()
        let target = try BuiltinTargets.mixed(perClass: 100)
        let data = try target.train.concatenated(with: target.test).subset(indices: Array(0..<2000))
        var views: [(features: Matrix, probabilities: Matrix)] = []
        for model in library.models {
            let inputs = try InputAdapter.adapt(data.inputs, to: model.card.inputShape, model: model.name)
            let features = try model.extractFeatures(inputs)
            views.append(
                (try Matrix(try features.reshaped([data.count, -1])),
                 try Matrix(try model.probabilities(inputs, for: .scoring))))
        }
        var figures: [Measurement] = []
        var total = 0.0
        for metric in TransferabilityMetric.allCases {
            let time = try Stopwatch.best(samples: 3, warmup: 1) {
                for view in views {
                    _ = try metric.score(
                        features: view.features, probabilities: view.probabilities, labels: data.labels,
                        classCount: data.classCount)
                }
            }
            total += time
            figures.append(Measurement(section: "metrics", name: "\(metric.name)_seconds", value: time, unit: "s"))
        }
        figures.append(Measurement(section: "metrics", name: "all_seconds", value: total, unit: "s"))
        return figures
    }

    // MARK: - selection-table

    static func tableContext() -> [String] {
        [
            "Recast: default library (RECAST_HOME) on the built-in targets (+ uci-digits and mnist when RECAST_DATA is set)",
            "ground truth: fine-tuning every weight, \(finetuneOptions.epochs) epochs of batches of 32, Adam lr 1e-3; "
                + "probe: \(headOptions.epochs) epochs, Adam lr 1e-2; Markdown tables on stdout",
        ]
    }

    /// Fine-tuning for the ground truth: enough steps that the LeNets fit their training data.
    static var finetuneOptions: RecycleOptions {
        var options = RecycleOptions()
        options.epochs = 20
        options.batchSize = 32
        options.seed = 10_200
        return options
    }

    /// Heads on frozen outputs (probe, mix, black-box head): cheap epochs on cached outputs.
    static var headOptions: RecycleOptions {
        var options = RecycleOptions()
        options.epochs = 30
        options.seed = 10_300
        return options
    }

    /// Methods that run the models in every step (BitFit, LoRA): the fine-tuning schedule.
    static var adaptOptions: RecycleOptions {
        var options = RecycleOptions()
        options.epochs = 20
        options.batchSize = 32
        options.seed = 10_400
        return options
    }

    static let featureMetrics: [TransferabilityMetric] = [.logme, .hscore, .gbc, .transrate]

    static func runTable() throws -> [Measurement] {
        let start = ContinuousClock.now
        let library = try DefaultLibrary.open()
        let models: [SourceModel] = library.models
        var names = BuiltinTargets.synthetic
        if ProcessInfo.processInfo.environment["RECAST_DATA"] != nil { names += ["uci-digits", "mnist"] }
        var figures: [Measurement] = []
        var summary: [[String]] = []
        var mixed: TargetTask?
        for name in names {
            let target = try BuiltinTargets.make(name)
            if name == "mixed" { mixed = target }
            let white = try ModelSelector.select(models, data: target.train, metrics: TransferabilityMetric.allCases)
            let black = try ModelSelector.select(models, data: target.train, metrics: featureMetrics, mode: .blackBox)
            let finetune = try GroundTruth.measure(
                models, train: target.train, test: target.test, method: .finetune, options: finetuneOptions)
            let probe = try GroundTruth.measure(
                models, train: target.train, test: target.test, method: .probe, options: headOptions)
            print("\n### Target `\(name)`: \(target.summary)\n")
            print("\(target.train.count) training / \(target.test.count) test images, \(target.train.classCount) classes.\n")
            printScores(white, finetune: finetune, probe: probe)
            print()
            var rows: [[String]] = []
            for ranking in white + black {
                let access = ranking.mode == .blackBox ? "black-box (θ)" : ranking.metric.access.rawValue
                let onFinetune = try ranking.correlate(finetune)
                let onProbe = try ranking.correlate(probe)
                rows.append([
                    ranking.metric.name, access, fixed(onFinetune.weightedTau), fixed(onFinetune.pearson),
                    fixed(onFinetune.rel(at: 1)), fixed(onFinetune.rel(at: 3)), fixed(onProbe.weightedTau),
                ])
                summary.append([name, ranking.metric.name, access, fixed(onFinetune.weightedTau)])
                let suffix = ranking.mode == .blackBox ? "_theta" : ""
                figures.append(
                    Measurement(
                        section: "selection-table", name: "tau_\(name)_\(ranking.metric.name)\(suffix)",
                        value: onFinetune.weightedTau, unit: "tau"))
            }
            print(
                markdown(
                    ["metric", "access", "weighted τ", "Pearson", "rel@1", "rel@3", "τ vs probe"], rows))
        }
        print("\n### Weighted τ against fine-tuned accuracy, every metric and target\n")
        print(tauSummary(summary, targets: names))
        if let mixed { figures += try recycling(models, mixed) }
        figures.append(
            Measurement(section: "selection-table", name: "seconds", value: elapsed(since: start), unit: "s"))
        return figures
    }

    /// One row per model: its scores under every metric and its ground truths.
    static func printScores(_ rankings: [Ranking], finetune: GroundTruth, probe: GroundTruth) {
        let header = ["model"] + rankings.map(\.metric.name) + ["fine-tuned acc", "(train)", "probe acc"]
        let fineAcc = finetune.accuracies
        let probeAcc = probe.accuracies
        let rows = finetune.entries.map { entry in
            [entry.name] + rankings.map { fixed($0.score(of: entry.name)) }
                + [percent(fineAcc[entry.name]), percent(entry.trainAccuracy), percent(probeAcc[entry.name])]
        }
        print(markdown(header, rows))
    }

    /// Weighted τ per metric (rows) and target (columns).
    static func tauSummary(_ rows: [[String]], targets: [String]) -> String {
        var keys: [String] = []
        var values: [String: String] = [:]
        for row in rows {
            let key = "\(row[1])|\(row[2])"
            if !keys.contains(key) { keys.append(key) }
            values["\(key)|\(row[0])"] = row[3]
        }
        let table = keys.map { key in
            key.split(separator: "|").map(String.init) + targets.map { values["\(key)|\($0)"] ?? "-" }
        }
        return markdown(["metric", "access"] + targets, table)
    }

    /// Recycling on the mixed target: the top 3 models by LogME, white-box and black-box,
    /// against the best single model's linear probe and the greedy subsets (LogME and GBC).
    static func recycling(_ models: [SourceModel], _ target: TargetTask) throws -> [Measurement] {
        let (train, test) = (target.train, target.test)
        let top3 = try ModelSelector.select(models, data: train, metric: .logme).top(3)
        let greedy = try [TransferabilityMetric.logme, .gbc].map {
            try ModelSelector.greedy(models, data: train, metric: $0)
        }
        let singles = try models.map {
            try Recycler.recycle([$0], train: train, test: test, method: .probe, options: headOptions)
        }
        guard let bestSingle = singles.max(by: { ($0.testAccuracy ?? 0) < ($1.testAccuracy ?? 0) }) else { return [] }
        let boxes: [SourceModel] = try top3.map { try BlackBoxModel(try $0.whiteBox(for: "a black-box view")) }
        let runs: [(label: String, key: String, models: [SourceModel], method: RecycleMethod, options: RecycleOptions)] = [
            ("top-3", "top3_probe", top3, .probe, headOptions),
            ("top-3", "top3_mix", top3, .mix, headOptions),
            ("top-3", "top3_bitfit", top3, .bitfit, adaptOptions),
            ("top-3", "top3_lora", top3, .lora, adaptOptions),
            ("top-3", "top3_finetune", top3, .finetune, finetuneOptions),
            ("top-3, black-box", "top3_blackbox_head", boxes, .head, headOptions),
            ("greedy (LogME)", "greedy_logme_probe", greedy[0].models, .probe, headOptions),
            ("greedy (GBC)", "greedy_gbc_probe", greedy[1].models, .probe, headOptions),
        ]
        var results = [(label: "best single model (by test acc)", key: "single_probe", result: bestSingle)]
        for run in runs {
            let result = try Recycler.recycle(run.models, train: train, test: test, method: run.method, options: run.options)
            results.append((run.label, run.key, result))
        }
        print("\n### Recycling on `mixed`\n")
        print("Top 3 by LogME: \(top3.map(\.name).joined(separator: ", ")).")
        for subset in greedy {
            print("Greedy (\(subset.metric.name)): \(subset.names.joined(separator: ", ")) (\(subset.stopReason)).")
        }
        print()
        let rows = results.map { label, _, r in
            [
                label, r.method.rawValue, r.models.map(\.name).joined(separator: " + "), r.access.rawValue,
                String(r.trainableParameters), percent(r.trainAccuracy), percent(r.testAccuracy), String(r.totalQueries),
            ]
        }
        print(markdown(["set", "method", "models", "access", "trainable", "train acc", "test acc", "queries"], rows))
        if let weights = results.first(where: { $0.result.method == .mix })?.result.mixingWeights {
            print("\nMixing weights: " + weights.map { "\($0.name) \(String(format: "%.2f", $0.weight))" }.joined(separator: ", "))
        }
        return results.map {
            Measurement(
                section: "selection-table", name: "acc_mixed_\($0.key)", value: 100 * ($0.result.testAccuracy ?? 0), unit: "%")
        }
    }

    static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        let lines = [header, header.map { _ in "---" }] + rows
        return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }

    static func fixed(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value.isNaN ? "NaN" : String(format: "%.3f", value)
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", 100 * $0) } ?? "-"
    }

    static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
