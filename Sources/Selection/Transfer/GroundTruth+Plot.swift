import Figures

extension GroundTruth {
    /// Draws each model's accuracy against its score in `ranking` as a scatter with the models'
    /// names beside the points, titled with the weighted τ, and writes it as PNG or SVG (by the
    /// extension of `path`).
    /// - Throws: ``SelectionError`` when a ranked model has no ground truth (see
    ///   ``Ranking/correlate(_:ks:)``); ``FigureError`` when the file cannot be written.
    public func plot(against ranking: Ranking, path: String) throws {
        let correlation = try ranking.correlate(self)
        let accuracy = accuracies
        let figure = try Figure()
        let panel = try figure.panel()
        try panel.scatter(
            x: ranking.entries.map(\.score), y: ranking.entries.map { 100 * (accuracy[$0.name] ?? .nan) },
            labels: ranking.names)
        let measure = method == .finetune ? "fine-tuned" : "linear-probe"
        panel.title = "\(measure) accuracy vs \(ranking.metric.name)"
            + " (weighted τ \(String(format: "%.2f", correlation.weightedTau)))"
        panel.xLabel = "\(ranking.metric.name) score (\(ranking.accessSummary))"
        panel.yLabel = "\(measure) test accuracy (%)"
        panel.grid = true
        try figure.save(path)
    }
}
