import Foundation

/// Members listed one a line for `help`: names in a column, each summary beside its name (or on
/// the next line, under the column, when the name is too long to leave room).
enum MemberTable {
    /// The widest name column.
    static let maxWidth = 24

    /// The rows as text, one member a line (summaries on the next line for long names).
    static func lines(_ rows: [(String, String)]) -> String {
        let width = min(rows.map(\.0.count).max() ?? 0, maxWidth)
        let indent = String(repeating: " ", count: width + 4)
        return rows.map { name, summary in
            name.count > width
                ? "  " + name + "\n" + indent + summary
                : "  " + name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + summary
        }.joined(separator: "\n")
    }
}
