/// The candidates for completing the word before the cursor.
///
/// `word` is the end of the text before the cursor that the candidates replace; each candidate
/// is a whole replacement for it (`"pr"` with candidates `["print", "prod"]`, or a path
/// `"data/tr"` with `["data/train.csv"]`).
public struct Completion: Equatable, Sendable {
    /// The text before the cursor that a candidate replaces.
    public var word: String
    /// The replacements, sorted.
    public var candidates: [String]

    /// The completion of `word` by `candidates`.
    public init(word: String, candidates: [String]) {
        self.word = word
        self.candidates = candidates
    }

    /// No candidates.
    public static let none = Completion(word: "", candidates: [])

    /// The longest text every candidate starts with: what Tab can insert without choosing.
    public var commonPrefix: String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The candidates laid out in columns no wider than `width`, as a shell lists them.
    public func columns(width: Int) -> String {
        guard let longest = candidates.map(\.count).max() else { return "" }
        let columnWidth = longest + 2
        let perRow = max(1, width / columnWidth)
        let rows = (candidates.count + perRow - 1) / perRow
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let candidate = candidates[index]
                let isLast = column == perRow - 1 || index + rows >= candidates.count
                line += isLast ? candidate : candidate + String(repeating: " ", count: columnWidth - candidate.count)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
