import Datasets
import Learning
import ModelHub
import Tensors

/// Source-free model selection: score every model of a library on target data with a
/// transferability metric (``select(_:data:metric:mode:shouldStop:)``), or pick a subset by
/// greedy forward selection (``greedy(_:data:metric:mode:maxModels:shouldStop:)``).
///
/// Target inputs reach each model through ``InputAdapter`` (gray to the model's channels,
/// resized to its input size). White-box models are read through their penultimate features,
/// black-box models only through output probabilities, each input row one query counted for
/// ``QueryPurpose/scoring``. Metrics run in Float64 on the training data given.
///
/// ```swift
/// let ranking = try ModelSelector.select(library.models, data: task.train, metric: .logme)
/// let subset = try ModelSelector.greedy(library.models, data: task.train, metric: .logme)
/// ```
public enum ModelSelector {
    /// Scores every model with `metric` and ranks them, best first.
    ///
    /// In ``SelectionMode/auto`` each model is read as its access allows; a feature metric
    /// asked for a black-box model scores its probabilities instead, and the ranking's access
    /// column says so. ``SelectionMode/whiteBox`` refuses black-box models instead.
    /// A progress bar shows on a terminal; when `shouldStop` turns true the models scored so far
    /// are ranked and the ranking is marked interrupted.
    /// - Throws: ``SelectionError`` for no models, a black-box model in white-box mode, or a
    ///   metric failing on a model (named); ``HubError`` when a query budget runs out.
    public static func select(
        _ models: [SourceModel], data: Dataset, metric: TransferabilityMetric, mode: SelectionMode = .auto,
        shouldStop: () -> Bool = { false }
    ) throws -> Ranking {
        try select(models, data: data, metrics: [metric], mode: mode, shouldStop: shouldStop)[0]
    }

    /// Scores every model with each of `metrics`, reading each model once per input kind;
    /// one ranking per metric, in the order given. Each entry's time includes reading the
    /// input its metric scored.
    /// - Throws: as ``select(_:data:metric:mode:shouldStop:)``, and for an empty metric list.
    public static func select(
        _ models: [SourceModel], data: Dataset, metrics: [TransferabilityMetric], mode: SelectionMode = .auto,
        shouldStop: () -> Bool = { false }
    ) throws -> [Ranking] {
        guard !models.isEmpty else { throw SelectionError("select: expected at least one model, got none") }
        guard !metrics.isEmpty else { throw SelectionError("select: expected at least one metric, got none") }
        var scored = metrics.map { _ in [Ranking.Scored]() }
        var interrupted = false
        let bar = ProgressBar(total: models.count)
        defer { bar.finish() }
        for (index, model) in models.enumerated() {
            if shouldStop() {
                interrupted = true
                break
            }
            bar.update(index, prefix: "select", status: model.name)
            let access = try mode.access(for: model, operation: "select")
            var views: [TransferabilityMetric.Input: View] = [:]
            for (m, metric) in metrics.enumerated() {
                let input = access == .whiteBox ? metric.input : .probabilities
                let view = try views[input] ?? View(model, data.inputs, input)
                views[input] = view
                let start = ContinuousClock.now
                let score = try scoreNamingModel(metric, view.matrix, data, model)
                scored[m].append((model, access, input, score, view.seconds + seconds(since: start), view.queries))
            }
            bar.update(index + 1, prefix: "select", status: model.name)
        }
        return zip(metrics, scored).map { metric, rows in
            Ranking(metric: metric, mode: mode, scored: rows, interrupted: interrupted)
        }
    }

    /// Scores every model of a library; see ``select(_:data:metric:mode:shouldStop:)``.
    public static func select(
        _ library: ModelLibrary, data: Dataset, metric: TransferabilityMetric, mode: SelectionMode = .auto,
        shouldStop: () -> Bool = { false }
    ) throws -> Ranking {
        try select(library.models, data: data, metric: metric, mode: mode, shouldStop: shouldStop)
    }

    /// Greedy forward selection: starting from no model, add the model whose features
    /// (white-box) or probabilities (black-box), concatenated with those already chosen, give
    /// the highest `metric` score; stop when no addition raises the score, or at `maxModels`.
    ///
    /// Each model is read once. Probability metrics score the concatenated probabilities
    /// divided by the number of models (a mixture, so that rows stay distributions).
    /// - Throws: as ``select(_:data:metric:mode:shouldStop:)``, and when `maxModels` < 1.
    public static func greedy(
        _ models: [SourceModel], data: Dataset, metric: TransferabilityMetric, mode: SelectionMode = .auto,
        maxModels: Int? = nil, shouldStop: () -> Bool = { false }
    ) throws -> SubsetSelection {
        guard !models.isEmpty else { throw SelectionError("greedy: expected at least one model, got none") }
        if let maxModels, maxModels < 1 {
            throw SelectionError("greedy: maxModels must be at least 1, got \(maxModels)")
        }
        let bar = ProgressBar(total: models.count)
        var views: [View] = []
        for (index, model) in models.enumerated() {
            let access = try mode.access(for: model, operation: "greedy")
            bar.update(index, prefix: "greedy: reading", status: model.name)
            views.append(try View(model, data.inputs, access == .whiteBox ? metric.input : .probabilities))
        }
        bar.finish()
        var chosen: [Int] = []
        var steps: [SubsetSelection.Step] = []
        var current = -Double.infinity
        var stopReason = "every model was added"
        while chosen.count < min(maxModels ?? models.count, models.count) {
            if shouldStop() {
                stopReason = "interrupted"
                break
            }
            var candidates: [(name: String, score: Double)] = []
            var best: (index: Int, score: Double)?
            for j in models.indices where !chosen.contains(j) {
                let set = chosen + [j]
                let combined = try combine(set.map { views[$0].matrix }, mixture: metric.input == .probabilities)
                let score = try scoreNamingModel(metric, combined, data, models[j], alongside: chosen.map { models[$0] })
                candidates.append((models[j].name, score))
                if score > best?.score ?? -Double.infinity { best = (j, score) }
            }
            guard let best, best.score > current else {
                stopReason = "no remaining model raises the score"
                break
            }
            chosen.append(best.index)
            current = best.score
            steps.append(SubsetSelection.Step(added: models[best.index].name, score: best.score, candidates: candidates))
        }
        if chosen.count == maxModels, chosen.count < models.count { stopReason = "reached maxModels" }
        return SubsetSelection(
            metric: metric, mode: mode, models: chosen.map { models[$0] }, steps: steps, stopReason: stopReason,
            queries: views.reduce(0) { $0 + $1.queries })
    }

    /// One model's target features or probabilities in Float64, with the time and queries
    /// reading them took.
    private struct View {
        let matrix: Matrix
        let seconds: Double
        let queries: Int

        init(_ model: SourceModel, _ inputs: Tensor, _ input: TransferabilityMetric.Input) throws {
            let start = ContinuousClock.now
            let before = model.ledger.total
            let tensor =
                switch input {
                case .features: try model.targetFeatures(inputs)
                case .probabilities: try model.targetProbabilities(inputs, for: .scoring)
                }
            matrix = try Matrix(tensor)
            queries = model.ledger.total - before
            seconds = Selection.seconds(since: start)
        }
    }

    /// The columns of `parts` side by side; divided by their number when `mixture`.
    private static func combine(_ parts: [Matrix], mixture: Bool) throws -> Matrix {
        guard parts.count > 1 else { return parts[0] }
        let rows = parts[0].rows
        let scale = mixture ? 1 / Double(parts.count) : 1
        var scalars: [Double] = []
        scalars.reserveCapacity(rows * parts.reduce(0) { $0 + $1.cols })
        for i in 0..<rows {
            for part in parts {
                for j in 0..<part.cols { scalars.append(part[i, j] * scale) }
            }
        }
        return try Matrix(rows: rows, cols: scalars.count / max(rows, 1), scalars: scalars)
    }

    /// The metric's score of `matrix`, with any error restated to name the model(s).
    private static func scoreNamingModel(
        _ metric: TransferabilityMetric, _ matrix: Matrix, _ data: Dataset, _ model: SourceModel,
        alongside others: [SourceModel] = []
    ) throws -> Double {
        do {
            return try metric.score(
                features: matrix, probabilities: matrix, labels: data.labels, classCount: data.classCount)
        } catch {
            let names = (others + [model]).map { "'\($0.name)'" }.joined(separator: " + ")
            throw SelectionError("select: \(metric.name) failed on model \(names): \(error)")
        }
    }
}
