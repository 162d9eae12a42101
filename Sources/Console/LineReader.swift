/// What reading one line of input gave.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the line being typed is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// Where the REPL gets its lines: libedit on a terminal (`EditLineReader`), a list of lines in tests.
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineInput
    /// Adds `line` to the lines the user can recall (the up arrow).
    func addHistory(_ line: String)
    /// What Tab completes, given the text before the cursor; the REPL sets it.
    var complete: (String) -> Completion { get set }
}
