import Figures

extension Ranking {
    /// Draws the scores as a bar chart, best model first, and writes it as PNG or SVG (by the
    /// extension of `path`).
    /// - Throws: ``SelectionError`` for an empty ranking; ``FigureError`` when the file cannot
    ///   be written or its extension is neither `.png` nor `.svg`.
    public func plot(_ path: String) throws {
        guard !entries.isEmpty else { throw SelectionError("ranking.plot: the ranking is empty (nothing to draw)") }
        let figure = try Figure()
        let panel = try figure.panel()
        try panel.bar(categories: names, values: entries.map(\.score), valueLabels: true)
        panel.title = "\(metric.name) scores (\(accessSummary))"
        panel.xLabel = "model"
        panel.yLabel = "\(metric.name) score"
        try figure.save(path)
    }
}
