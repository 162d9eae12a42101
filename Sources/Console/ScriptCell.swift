/// One cell of a script: the lines from a `# %%` marker (with an optional title after it) to the
/// next marker. Text before the first marker is a cell of its own when it holds anything.
public struct ScriptCell: Equatable, Sendable {
    /// The cell's number, from 1.
    public var number: Int
    /// The text after `# %%`, nil when there is none.
    public var title: String?
    /// The cell's lines, its marker line included (a comment), so line numbers match the file.
    public var source: String
    /// The file line the cell starts on.
    public var firstLine: Int

    /// The cells of `text`, in order.
    public static func split(_ text: String) -> [ScriptCell] {
        var cells: [ScriptCell] = []
        var title: String?
        var firstLine = 1
        var lines: [Substring] = []
        var isMarked = false
        func finish() {
            let source = lines.joined(separator: "\n")
            // Blank lines before the first marker are not a cell.
            guard isMarked || !source.allSatisfy(\.isWhitespace) else { return }
            cells.append(ScriptCell(number: cells.count + 1, title: title, source: source, firstLine: firstLine))
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let markerTitle = ScriptCell.markerTitle(line) else {
                lines.append(line)
                continue
            }
            finish()
            (title, firstLine, lines, isMarked) = (markerTitle.isEmpty ? nil : markerTitle, index + 1, [line], true)
        }
        finish()
        return cells
    }

    /// The title of a `# %%` marker line (empty when it has none), or nil for any other line.
    static func markerTitle(_ line: Substring) -> String? {
        let trimmed = String(line).trimmingSpaces
        guard trimmed.hasPrefix("#") else { return nil }
        let afterHash = String(trimmed.dropFirst()).trimmingSpaces
        guard afterHash.hasPrefix("%%") else { return nil }
        return String(afterHash.dropFirst(2)).trimmingSpaces
    }
}
