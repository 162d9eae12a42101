import Datasets
import Figures

extension HubPathway {
    /// One figure of the pathway, four panels: the routing heatmap (mean weight of each model
    /// for each target class), model usage (share of inputs that activate each model and its
    /// mean weight), the training losses, and the accuracy curves.
    ///
    /// Routing is measured on `data` without noise when given, else taken from the last training
    /// epoch (with its noise).
    /// - Throws: ``PathwayError`` when there is no routing to show (no data and no trained epoch).
    public func figure(data: Dataset? = nil) throws -> Figure {
        guard let routing = try data.map(routing) ?? trainingRouting else {
            throw PathwayError("pathway plot: no routing to show (give data, or train for at least one epoch)")
        }
        let source = data.map { "'\($0.name)'" } ?? "the last training epoch"
        // Tall enough that a heatmap row per class keeps its label for ~35 classes.
        let figure = try Figure(rows: 2, cols: 2, width: 1280, height: 1300, scale: 2)
        figure.title = "Hub-Pathway: \(options.k) of \(modelNames.count) models per input"

        let heatmap = try figure.panel(0, 0)
        try heatmap.heatmap(
            values: routing.meanWeight, rowLabels: routing.classNames, colLabels: routing.modelNames,
            cmap: .viridis, range: 0...1, colorBarLabel: "mean weight")
        heatmap.title = "Routing of \(source)"
        heatmap.xLabel = "hub model"
        heatmap.yLabel = "target class"

        let usage = try figure.panel(0, 1)
        try usage.bar(
            categories: routing.modelNames,
            series: [
                (name: "share of inputs routed to it", values: routing.activationRate),
                (name: "mean routing weight", values: routing.usage),
            ])
        usage.title = String(
            format: "Model usage (routing entropy %.2f nats per input)", routing.meanEntropy)
        usage.yLabel = "fraction"
        usage.grid = true

        let epochs = history.map { Double($0.epoch) }
        let losses = try figure.panel(1, 0)
        var curves: [(label: String, values: [Double])] = [("total", history.map(\.loss))]
        curves.append(("task (aggregated CE)", history.map(\.taskLoss)))
        if options.exploitationWeight > 0 {
            curves.append(("exploitation (heads' CE)", history.map(\.exploitationLoss)))
        }
        if options.gating == .generator, options.exploration != .none {
            curves.append(("exploration (\(options.exploration.rawValue))", history.map(\.explorationLoss)))
        }
        if !history.isEmpty {
            for (i, curve) in curves.enumerated() {
                try losses.line(x: epochs, y: curve.values, label: curve.label, marker: i == 0 ? .circle : nil)
            }
        }
        // The first epoch's loss dwarfs the rest: a log axis keeps the later epochs readable
        // (the entropy exploration loss is negative, so it stays linear then).
        let positive = curves.allSatisfy { $0.values.allSatisfy { $0 > 0 } }
        losses.yScale = positive ? .log : .linear
        losses.title = "Training losses"
        losses.xLabel = "epoch"
        losses.yLabel = positive ? "loss (log scale)" : "loss"
        losses.grid = true

        let accuracy = try figure.panel(1, 1)
        if !history.isEmpty {
            try accuracy.line(x: epochs, y: history.map { 100 * $0.trainAccuracy }, label: "train (noisy)", marker: .circle)
            let validation = history.compactMap(\.validationAccuracy)
            if validation.count == history.count {
                try accuracy.line(x: epochs, y: validation.map { 100 * $0 }, label: "validation", marker: .square)
            }
        }
        accuracy.title = "Accuracy"
        accuracy.xLabel = "epoch"
        accuracy.yLabel = "accuracy (%)"
        accuracy.grid = true
        return figure
    }

    /// Saves ``figure(data:)`` as PNG or SVG (by the extension of `path`), atomically.
    public func plot(_ path: String, data: Dataset? = nil) throws {
        try figure(data: data).save(path)
    }
}
