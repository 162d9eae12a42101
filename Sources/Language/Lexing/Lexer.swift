/// Turns source text into tokens, with the line, column and length of each.
///
/// Newlines end statements, except inside parentheses, brackets and interpolations, where they
/// are only spacing; inside braces (blocks) they count again. `#` starts a comment that runs to
/// the end of the line, so `# %%` cell markers are comments too. A string is read in pieces
/// around each `\(...)`, so an interpolated expression is lexed like any other code.
public struct Lexer {
    private enum Opener { case paren, bracket, brace, interpolation }

    private let bytes: [UInt8]
    private var position = 0
    private var line: Int
    private var column = 1
    private var openers: [Opener] = []
    private var tokens: [Token] = []

    /// A lexer for `source`, whose first line is numbered `firstLine`.
    public init(source: String, firstLine: Int = 1) {
        bytes = Array(source.utf8)
        line = firstLine
    }

    /// All tokens of the source, ending with one `endOfInput` token.
    public static func tokenize(_ source: String, firstLine: Int = 1) -> [Token] {
        var lexer = Lexer(source: source, firstLine: firstLine)
        return lexer.tokenize()
    }

    /// All tokens of the source, ending with one `endOfInput` token.
    public mutating func tokenize() -> [Token] {
        while true {
            skipSpaceAndComments()
            guard let byte = peek() else { break }
            if byte == UInt8(ascii: "\n") {
                newline()
                continue
            }
            scanToken(byte)
        }
        tokens.append(Token(kind: .endOfInput, text: "", span: SourceSpan(line: line, column: column, length: 0)))
        return tokens
    }

    // MARK: - Reading bytes

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func advance() {
        guard position < bytes.count else { return }
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if position >= bytes.count || bytes[position] & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func match(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        advance()
        return true
    }

    private func text(from start: Int) -> String {
        String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpaceAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                advance()
            case UInt8(ascii: "#"):
                while let next = peek(), next != UInt8(ascii: "\n") { advance() }
            default:
                return
            }
        }
    }

    // MARK: - Tokens

    private mutating func add(_ kind: TokenKind, _ text: String, number: Double = 0, line startLine: Int, column startColumn: Int) {
        let span = SourceSpan(line: startLine, column: startColumn, endLine: line, endColumn: column)
        tokens.append(Token(kind: kind, text: text, number: number, span: span))
    }

    private mutating func newline() {
        let startLine = line, startColumn = column
        advance()
        var significant = openers.last.map { $0 == .brace } ?? true
        if !significant && nextLineStartsStatement() {
            // A bracket left open above a line that can only start a statement was never closed:
            // end the broken statement here, so the lines below are still checked.
            while let last = openers.last, last != .brace { openers.removeLast() }
            significant = true
        }
        guard significant, let last = tokens.last, last.kind != .newline else { return }
        add(.newline, "\n", line: startLine, column: startColumn)
    }

    /// True when the next line begins with a keyword that only starts statements.
    private func nextLineStartsStatement() -> Bool {
        var index = position
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        var end = index
        while end < bytes.count, isIdentifierPart(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[index..<end], as: UTF8.self)
        return ["let", "var", "for", "while", "return", "break", "continue"].contains(word)
    }

    private mutating func scanToken(_ byte: UInt8) {
        let startLine = line, startColumn = column, start = position
        if isDigit(byte) { return scanNumber() }
        if isIdentifierStart(byte) {
            while let next = peek(), isIdentifierPart(next) { advance() }
            let word = text(from: start)
            return add(Token.keywords[word] ?? .identifier, word, line: startLine, column: startColumn)
        }
        if byte == UInt8(ascii: "\"") {
            advance()
            return scanString(line: startLine, column: startColumn)
        }
        advance()
        func emit(_ kind: TokenKind) { add(kind, text(from: start), line: startLine, column: startColumn) }
        switch byte {
        case UInt8(ascii: "("): openers.append(.paren); emit(.leftParen)
        case UInt8(ascii: "["): openers.append(.bracket); emit(.leftBracket)
        case UInt8(ascii: "{"): openers.append(.brace); emit(.leftBrace)
        case UInt8(ascii: ")"):
            if openers.last == .interpolation {
                openers.removeLast()
                return scanString(line: startLine, column: startColumn)
            }
            close(.paren); emit(.rightParen)
        case UInt8(ascii: "]"): close(.bracket); emit(.rightBracket)
        case UInt8(ascii: "}"): close(.brace); emit(.rightBrace)
        case UInt8(ascii: ","): emit(.comma)
        case UInt8(ascii: ":"): emit(.colon)
        case UInt8(ascii: ";"): emit(.semicolon)
        case UInt8(ascii: "@"): emit(match(UInt8(ascii: "=")) ? .atEqual : .at)
        case UInt8(ascii: "+"): emit(match(UInt8(ascii: "=")) ? .plusEqual : .plus)
        case UInt8(ascii: "-"): emit(match(UInt8(ascii: "=")) ? .minusEqual : .minus)
        case UInt8(ascii: "/"): emit(match(UInt8(ascii: "=")) ? .slashEqual : .slash)
        case UInt8(ascii: "%"): emit(match(UInt8(ascii: "=")) ? .percentEqual : .percent)
        case UInt8(ascii: "*"):
            if match(UInt8(ascii: "*")) {
                emit(match(UInt8(ascii: "=")) ? .starStarEqual : .starStar)
            } else {
                emit(match(UInt8(ascii: "=")) ? .starEqual : .star)
            }
        case UInt8(ascii: "!"): emit(match(UInt8(ascii: "=")) ? .bangEqual : .bang)
        case UInt8(ascii: "="): emit(match(UInt8(ascii: "=")) ? .equalEqual : .equal)
        case UInt8(ascii: "<"): emit(match(UInt8(ascii: "=")) ? .lessEqual : .less)
        case UInt8(ascii: ">"): emit(match(UInt8(ascii: "=")) ? .greaterEqual : .greater)
        case UInt8(ascii: "&"):
            if match(UInt8(ascii: "&")) { emit(.ampAmp) } else { error("unexpected '&' (did you mean '&&'?)", start, startLine, startColumn) }
        case UInt8(ascii: "|"):
            if match(UInt8(ascii: "|")) { emit(.pipePipe) } else { error("unexpected '|' (did you mean '||'?)", start, startLine, startColumn) }
        case UInt8(ascii: "."):
            if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: "<") {
                advance(); advance(); emit(.halfOpenRange)
            } else if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") {
                advance(); advance(); emit(.closedRange)
            } else if peek() == UInt8(ascii: ".") {
                advance()
                error("unexpected '..' (use '..<' or '...' for a range)", start, startLine, startColumn)
            } else {
                emit(.dot)
            }
        default:
            while let next = peek(), next & 0xC0 == 0x80 { advance() }
            error("unexpected character '\(text(from: start))'", start, startLine, startColumn)
        }
    }

    private mutating func error(_ message: String, _ start: Int, _ startLine: Int, _ startColumn: Int) {
        add(.error, message, line: startLine, column: startColumn)
    }

    /// Pops up to and including the nearest matching opener; a closer with none is left for the
    /// parser to report.
    private mutating func close(_ opener: Opener) {
        guard let index = openers.lastIndex(of: opener) else { return }
        openers.removeSubrange(index...)
    }

    private mutating func scanNumber() {
        let startLine = line, startColumn = column, start = position
        func digits() { while let next = peek(), isDigit(next) || next == UInt8(ascii: "_") { advance() } }
        digits()
        if peek() == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
            advance()
            digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
            if let next = peek(1 + sign), isDigit(next) {
                advance()
                if sign == 1 { advance() }
                digits()
            }
        }
        var malformed = false
        while let next = peek(), isIdentifierPart(next) {
            malformed = true
            advance()
        }
        let spelling = text(from: start)
        let cleaned = spelling.replacingUnderscores()
        if !malformed, let value = Double(cleaned) {
            add(.number, spelling, number: value, line: startLine, column: startColumn)
        } else {
            add(.error, "malformed number '\(spelling)'", line: startLine, column: startColumn)
        }
    }

    /// Reads string text up to the closing quote or the next `\(`; the opening quote (or the
    /// `)` closing an interpolation) has been read.
    private mutating func scanString(line startLine: Int, column startColumn: Int) {
        var decoded: [UInt8] = []
        while let byte = peek() {
            if byte == UInt8(ascii: "\"") {
                advance()
                return add(.string, String(decoding: decoded, as: UTF8.self), line: startLine, column: startColumn)
            }
            if byte == UInt8(ascii: "\n") { break }
            advance()
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                continue
            }
            let escapeLine = line, escapeColumn = column - 1
            guard let escaped = peek(), escaped != UInt8(ascii: "\n") else { break }
            advance()
            switch escaped {
            case UInt8(ascii: "n"): decoded.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): decoded.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "r"): decoded.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "0"): decoded.append(0)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): decoded.append(escaped)
            case UInt8(ascii: "("):
                openers.append(.interpolation)
                return add(.interpolation, String(decoding: decoded, as: UTF8.self), line: startLine, column: startColumn)
            case UInt8(ascii: "u"):
                guard let scalar = scanUnicodeEscape() else {
                    return add(.error, "malformed unicode escape (expected \\u{hex digits})", line: escapeLine, column: escapeColumn)
                }
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                let shown = String(decoding: [escaped], as: UTF8.self)
                skipRestOfString()
                return add(.error, "unknown escape '\\\(shown)' in string", line: escapeLine, column: escapeColumn)
            }
        }
        add(.error, "unterminated string (a string ends on the line it starts)", line: startLine, column: startColumn)
    }

    /// After a bad escape, skips to the closing quote so the rest of the string is not lexed as code.
    private mutating func skipRestOfString() {
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            advance()
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") { advance() }
        }
    }

    private mutating func scanUnicodeEscape() -> Unicode.Scalar? {
        guard match(UInt8(ascii: "{")) else { return nil }
        var value: UInt32 = 0, count = 0
        while let byte = peek(), let digit = hexValue(byte), count < 8 {
            value = value * 16 + digit
            count += 1
            advance()
        }
        guard count > 0, match(UInt8(ascii: "}")) else { return nil }
        return Unicode.Scalar(value)
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
