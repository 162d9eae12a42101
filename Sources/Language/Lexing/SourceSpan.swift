/// A stretch of source text: where it starts (line and column, from 1) and where it ends.
///
/// Columns count characters (Unicode scalars), so a caret drawn under a span lines up with the
/// text a user sees. The end is exclusive: a one-character token at column 5 ends at column 6.
public struct SourceSpan: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The first line, counted from 1.
    public var line: Int
    /// The first column, counted from 1.
    public var column: Int
    /// The last line.
    public var endLine: Int
    /// The column just past the span on its last line.
    public var endColumn: Int

    /// A span from `line:column` to `endLine:endColumn` (exclusive).
    public init(line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// A span of `length` characters on one line.
    public init(line: Int, column: Int, length: Int) {
        self.init(line: line, column: column, endLine: line, endColumn: column + max(length, 0))
    }

    /// How many characters the span covers on its first line (to the end of that line when the
    /// span runs over several lines, which `Diagnostic` then clips to the line's length).
    public var length: Int { endLine == line ? endColumn - column : Int.max - column }

    /// The smallest span covering both `self` and `other`.
    public func through(_ other: SourceSpan) -> SourceSpan {
        let startsFirst = (line, column) <= (other.line, other.column)
        let endsLast = (endLine, endColumn) >= (other.endLine, other.endColumn)
        return SourceSpan(
            line: startsFirst ? line : other.line,
            column: startsFirst ? column : other.column,
            endLine: endsLast ? endLine : other.endLine,
            endColumn: endsLast ? endColumn : other.endColumn)
    }

    /// `line:column`, as diagnostics print it.
    public var description: String { "\(line):\(column)" }
}
