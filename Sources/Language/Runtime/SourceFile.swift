/// A piece of source text with the name diagnostics give it (a file path, `<repl>`, a cell).
public final class SourceFile: Sendable {
    /// The name printed before `:line:col` in diagnostics.
    public let name: String
    public let text: String
    /// The number of the text's first line (above 1 when the text is one cell of a file).
    public let firstLine: Int
    private let lines: [Substring]

    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The text of line `number` (numbered as in the file), without its newline.
    public func line(_ number: Int) -> String? {
        let index = number - firstLine
        guard index >= 0 && index < lines.count else { return nil }
        let line = lines[index]
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }
}

/// A place in a source file: what compiled code keeps to report a runtime error.
///
/// A class, so that compiled code captures one word per location: the closures run on every
/// step copy what they capture, and locations are only read when an error is reported.
public final class SourceLocation: Sendable {
    public let file: SourceFile
    public let span: SourceSpan

    public init(file: SourceFile, span: SourceSpan) {
        self.file = file
        self.span = span
    }
}
