import CEditLine
import Glibc
import Language

/// Reads lines from a terminal with libedit: line editing, the up arrow through history, Tab
/// completion, and Ctrl-C that drops the line being typed.
///
/// Ctrl-C: libedit's own reader retries an interrupted `read`, so this reader installs its own
/// (`EL_GETCFN`), which polls standard input and gives up as soon as the interrupt flag (the one
/// `InterruptSignal` raises) is up; `el_gets` then returns nothing and the next call starts an
/// empty line.
public final class EditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    /// The prompt libedit shows, owned here (libedit asks for it on every redraw).
    private var prompt: UnsafeMutablePointer<CChar>?
    /// The flag Ctrl-C raises: the REPL interpreter's.
    private let interrupt: InterruptFlag
    /// What Tab completes, given the text before the cursor on the current line.
    public var complete: (String) -> Completion = { _ in .none }

    /// A reader on the terminal on standard input, or nil when standard input is not a
    /// terminal or libedit cannot start.
    ///
    /// - Parameters:
    ///   - historyLimit: how many lines the up arrow can go back through.
    ///   - interrupt: the flag Ctrl-C raises (`InterruptSignal.install(raising:)`).
    public init?(historyLimit: Int, interrupt: InterruptFlag) {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        // libedit converts the line to bytes by the locale's character type; the language's
        // strings are UTF-8, so use a UTF-8 locale even when the environment names none.
        if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard let editor = el_init("recast", recast_stdin(), recast_stdout(), recast_stderr()) else { return nil }
        guard let history = history_init() else {
            el_end(editor)
            return nil
        }
        self.editor = editor
        self.history = history
        self.interrupt = interrupt
        recast_history_set_size(history, Int32(clamping: historyLimit))
        recast_el_set_history(editor, history)
        recast_el_set_editor(editor, "emacs")
        recast_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
        recast_el_set_prompt(editor, { editor in
            guard let editor, let reader = EditLineReader.owner(of: editor) else { return nil }
            return reader.prompt
        })
        recast_el_set_reader(editor, { editor, character in
            guard let editor, let character, let reader = EditLineReader.owner(of: editor) else { return -1 }
            return reader.readCharacter(into: character)
        })
        recast_el_bind(editor, "^I", "recast-complete", "Complete the word before the cursor", { editor, _ in
            guard let editor, let reader = EditLineReader.owner(of: editor) else { return UInt8(CC_ERROR) }
            return reader.completeAtCursor()
        })
        // The user's ~/.editrc may rebind keys, as in every libedit program.
        el_source(editor, nil)
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(prompt)
    }

    /// Shows `text` and edits one line; Ctrl-C gives `.interrupted`, Ctrl-D on an empty line
    /// `.endOfInput`.
    public func readLine(prompt text: String) -> LineInput {
        free(prompt)
        prompt = strdup(text)
        interrupt.lower()
        // Editing mode before the prompt shows: keys typed as soon as it appears are then read
        // by libedit, not echoed and line-buffered by the terminal (where a Ctrl-D would be lost).
        recast_el_prepare_terminal(editor)
        var count: Int32 = 0
        let line = el_gets(editor, &count)
        if interrupt.isRaised {
            interrupt.lower()
            print("^C")
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Adds `line` to what the up arrow (or Ctrl-P) recalls.
    public func addHistory(_ line: String) {
        recast_history_enter(history, line)
    }

    // MARK: - libedit callbacks

    private static func owner(of editor: OpaquePointer) -> EditLineReader? {
        recast_el_client_data(editor).map { Unmanaged<EditLineReader>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Waits for a key, checking for Ctrl-C every 100 ms, then reads one UTF-8 character.
    /// Returns 1 with the character, 0 at the end of input, -1 when interrupted.
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if interrupt.isRaised { return -1 }
            var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 100)
            if ready > 0 { break }
            if ready < 0 && errno != EINTR { return -1 }
        }
        guard let lead = readByte() else { return 0 }
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 0 else {
            character.pointee = 0xFFFD
            return 1
        }
        var scalar = length == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> length)
        for _ in 1..<length {
            guard let next = readByte(), next & 0xC0 == 0x80 else {
                character.pointee = 0xFFFD
                return 1
            }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        character.pointee = wchar_t(bitPattern: Unicode.Scalar(scalar) == nil ? 0xFFFD : scalar)
        return 1
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR && !interrupt.isRaised { continue }
            return nil
        }
    }

    /// Tab: inserts what all candidates share; when that adds nothing, lists them.
    private func completeAtCursor() -> UInt8 {
        guard let line = el_line(editor)?.pointee, let start = line.buffer, let cursor = line.cursor else {
            return UInt8(CC_ERROR)
        }
        let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        let completion = complete(before)
        if completion.candidates.isEmpty {
            // Tab at the start of a line indents, for blocks typed over several lines.
            guard before.allSatisfy(\.isWhitespace) else { return UInt8(CC_REFRESH_BEEP) }
            el_insertstr(editor, "    ")
            return UInt8(CC_REFRESH)
        }
        let common = completion.commonPrefix
        if common.count > completion.word.count || completion.candidates.count == 1 {
            el_deletestr(editor, Int32(completion.word.unicodeScalars.count))
            el_insertstr(editor, completion.candidates.count == 1 ? completion.candidates[0] : common)
            return UInt8(CC_REFRESH)
        }
        var size = winsize()
        let width = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        print("\n" + completion.columns(width: width))
        fflush(nil)
        return UInt8(CC_REDISPLAY)
    }
}
