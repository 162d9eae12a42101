/// A plain-text table with a header rule, columns padded to their widest cell; numbers (cells
/// that parse as a number or percentage) right-aligned.
///
/// ```
/// name          score   rank
/// ------------  ------  ----
/// lenet-digits  1.2345     1
/// ```
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The table as lines of text.
    public var rendered: String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        func cell(_ row: [String], _ i: Int) -> String { i < row.count ? row[i] : "" }
        let widths = (0..<columns).map { i in
            ([header] + rows).map { cell($0, i).count }.max() ?? 0
        }
        let numeric = (0..<columns).map { i in
            !rows.isEmpty && rows.allSatisfy { TextTable.isNumber(cell($0, i)) }
        }
        func line(_ row: [String]) -> String {
            (0..<columns).map { i in
                let text = cell(row, i)
                let pad = String(repeating: " ", count: widths[i] - text.count)
                return numeric[i] ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    static func isNumber(_ text: String) -> Bool {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        return trimmed == "-" || Double(trimmed) != nil
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
