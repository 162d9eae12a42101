import Foundation

/// What running a script cell by cell produced, and its Markdown form: per cell, the title, its
/// opening comment as a paragraph, the code (fenced as `recast`), the printed output, the result or the error, the figures it saved
/// (as images, with paths relative to the report) and the time it took.
struct NotebookReport: Equatable, Sendable {
    /// One cell's outcome.
    struct Cell: Equatable, Sendable {
        var number: Int
        var title: String?
        var code: String
        /// What the cell printed.
        var output: String
        /// The repr of the cell's last expression, when it had one.
        var result: String?
        /// The rendered diagnostics, when the cell failed.
        var error: String?
        /// The figures it saved, as paths relative to the report's folder.
        var figures: [String]
        var seconds: Double
    }

    /// The script's path as given.
    var script: String
    var cells: [Cell] = []
    /// The number of cells in the script (more than `cells.count` when the run stopped early).
    var cellCount: Int

    init(script: String, cellCount: Int) {
        self.script = script
        self.cellCount = cellCount
    }

    /// The report as Markdown.
    var markdown: String {
        let name = (script as NSString).lastPathComponent
        let total = cells.reduce(0) { $0 + $1.seconds }
        var summary = "Ran `\(script)`: \(cells.count) of \(cellCount) cell\(cellCount == 1 ? "" : "s")"
        summary += ", \(ElapsedTime.format(total)) in total."
        if let failed = cells.last(where: { $0.error != nil }) {
            summary += cells.count < cellCount ? " Stopped at cell \(failed.number) on an error." : " Some cells failed."
        }
        var parts = ["# \(name)", summary]
        for cell in cells { parts += NotebookReport.section(cell) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private static func section(_ cell: Cell) -> [String] {
        var parts = ["## \(cell.number). \(cell.title ?? "Cell \(cell.number)")"]
        let (prose, code) = NotebookReport.prose(of: cell.code)
        if let prose { parts.append(prose) }
        if !code.isEmpty { parts.append(fenced(code, info: "recast")) }
        if !cell.output.isEmpty { parts += ["Output:", fenced(cell.output, info: "text")] }
        if let result = cell.result { parts += ["Result:", fenced(result, info: "text")] }
        if let error = cell.error { parts += ["Error:", fenced(error, info: "text")] }
        for figure in cell.figures { parts.append("![\(figure)](\(figure.replacingOccurrences(of: " ", with: "%20")))") }
        parts.append("*Took \(ElapsedTime.format(cell.seconds)).*")
        return parts
    }

    /// The comment lines a cell opens with, as a paragraph of text (a notebook cell's
    /// explanation reads better as prose than as code), and the code after them.
    static func prose(of code: String) -> (prose: String?, code: String) {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        var comment: [String] = []
        while let first = lines.first, first.hasPrefix("#") {
            comment.append(first.dropFirst().trimmingCharacters(in: .whitespaces))
            lines.removeFirst()
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        let text = comment.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (text.isEmpty ? nil : text, lines.joined(separator: "\n"))
    }

    /// `text` in a fence longer than any run of backticks inside it.
    static func fenced(_ text: String, info: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var body = text
        while body.hasSuffix("\n") { body.removeLast() }
        return fence + info + "\n" + body + "\n" + fence
    }
}
