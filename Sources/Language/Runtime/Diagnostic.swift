/// One error, located and ready to print as `file:line:col: error: message`, then the source
/// line, then a caret under the span, then (for runtime errors in functions) a short traceback.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    /// Which stage found the error.
    public enum Stage: Sendable {
        case parse, resolve, runtime
        /// The run was stopped by the interpreter's `interrupt` flag.
        case interrupted
    }

    /// One step of a traceback: a place and the function it is in.
    public struct Frame: Sendable, Equatable {
        /// Nil (with `span`) for a call made by a built-in.
        public var file: String?
        public var span: SourceSpan?
        /// The function's name, or nil for the top level of a chunk.
        public var function: String?
    }

    public var stage: Stage
    public var message: String
    /// The file name (or `<repl>`).
    public var file: String
    public var span: SourceSpan
    /// The text of the span's first line, when known.
    public var sourceLine: String?
    /// Innermost first: where the error happened, then each call that led there.
    public var traceback: [Frame]
    /// True when a parse error is at the end of the input: the REPL reads another line.
    public var isUnexpectedEnd: Bool

    public init(
        stage: Stage, message: String, file: String, span: SourceSpan, sourceLine: String?,
        traceback: [Frame] = [], isUnexpectedEnd: Bool = false
    ) {
        self.stage = stage
        self.message = message
        self.file = file
        self.span = span
        self.sourceLine = sourceLine
        self.traceback = traceback
        self.isUnexpectedEnd = isUnexpectedEnd
    }

    /// A diagnostic at `span` in `source`.
    public init(stage: Stage, message: String, source: SourceFile, span: SourceSpan, isUnexpectedEnd: Bool = false) {
        self.init(
            stage: stage, message: message, file: source.name, span: span, sourceLine: source.line(span.line),
            isUnexpectedEnd: isUnexpectedEnd)
    }

    /// The first line alone: `file:line:col: error: message`.
    public var headline: String { "\(file):\(span.line):\(span.column): error: \(message)" }

    /// The full text: headline, source line, caret line, and traceback when there is one.
    public var description: String {
        var lines = [headline]
        if let sourceLine, span.column >= 1 {
            lines.append(sourceLine)
            lines.append(caretLine(under: sourceLine))
        }
        if traceback.count > 1 {
            lines.append("traceback:")
            lines.append(contentsOf: Diagnostic.shortened(traceback).map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    /// Spaces (tabs where the source has tabs) up to the span, then `^` and `~` to its end.
    private func caretLine(under sourceLine: String) -> String {
        let characters = Array(sourceLine.unicodeScalars)
        let start = min(span.column - 1, characters.count)
        let indent = characters[..<start].map { $0 == "\t" ? "\t" : " " }.joined()
        let available = max(characters.count - start, 1)
        let width = max(1, min(span.length, available))
        return indent + "^" + String(repeating: "~", count: width - 1)
    }

    /// The traceback as text, the middle left out when it is long (deep recursion).
    private static func shortened(_ frames: [Frame]) -> [String] {
        let lines = frames.map { frame in
            let place = frame.file.flatMap { file in frame.span.map { "\(file):\($0.line):\($0.column)" } } ?? "(built-in)"
            return "\(place): in \(frame.function ?? "top level")"
        }
        guard lines.count > 12 else { return lines }
        return Array(lines.prefix(6)) + ["... \(lines.count - 9) more ..."] + Array(lines.suffix(3))
    }
}

/// The errors of one evaluation: all parse or resolve errors of a chunk, or its runtime error.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) { self.items = items }

    /// True when the input stopped in the middle of a construct (an open bracket, a trailing
    /// operator): the REPL should read more lines rather than report an error.
    public var isIncompleteInput: Bool { items.contains { $0.isUnexpectedEnd } }

    /// True when the run was stopped by an interrupt.
    public var isInterrupted: Bool { items.contains { $0.stage == .interrupted } }

    /// Every diagnostic, rendered, one after the other.
    public var description: String { items.map(\.description).joined(separator: "\n") }
}
