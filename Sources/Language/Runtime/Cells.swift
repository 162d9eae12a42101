import Foundation

/// A file split into notebook cells at `# %%` lines.
///
/// A line whose text (after leading spaces) starts with `# %%` begins a cell; the rest of the line,
/// trimmed, is the cell's optional title. Text before the first marker forms an untitled cell when
/// it holds any code (not only blank lines and comments). Cells are numbered from 1 in file order.
public struct Cell: Equatable, Sendable {
    /// The cell's number, from 1.
    public var index: Int
    /// The text after `# %%`, or nil when there is none.
    public var title: String?
    /// The file's lines the cell spans (numbered from 1), marker line included.
    public var lines: ClosedRange<Int>
    /// The cell's text (marker line included, so line numbers stay those of the file).
    public var source: String

    public init(index: Int, title: String?, lines: ClosedRange<Int>, source: String) {
        self.index = index
        self.title = title
        self.lines = lines
        self.source = source
    }

    /// The cells of `source`.
    public static func split(_ source: String) -> [Cell] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells: [Cell] = []
        var start = 0
        var title: String?
        var isMarked = false
        func finish(before end: Int) {
            guard end > start else { return }
            let body = lines[start..<end]
            let hasCode = body.contains { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            }
            guard isMarked || hasCode else { return }
            cells.append(
                Cell(index: cells.count + 1, title: title, lines: (start + 1)...end, source: body.joined(separator: "\n")))
        }
        for (number, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("# %%") else { continue }
            finish(before: number)
            start = number
            isMarked = true
            let rest = trimmed.dropFirst(4).trimmingCharacters(in: .whitespacesAndNewlines)
            title = rest.isEmpty ? nil : rest
        }
        if lines.last == "" && lines.count > start + 1 {
            finish(before: lines.count - 1)
        } else {
            finish(before: lines.count)
        }
        return cells
    }
}
