/// What kind of token the lexer found.
public enum TokenKind: Equatable, Sendable {
    // Literals and names.
    case identifier, number, string
    /// A piece of string text followed by `\(`: an interpolated expression comes next, then
    /// more `interpolation` pieces or a final `string` piece.
    case interpolation

    // Keywords.
    case `let`, `var`, fn, `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `return`
    case `true`, `false`, `nil`

    // Punctuation.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot

    // Operators.
    case plus, minus, star, slash, percent, starStar, at, bang
    case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case ampAmp, pipePipe, halfOpenRange, closedRange
    case plusEqual, minusEqual, starEqual, slashEqual, percentEqual, starStarEqual, atEqual

    // Structure.
    case newline, endOfInput
    /// Text the lexer could not read; the token's text says why.
    case error
}

/// One token: its kind, its text (decoded for strings, the message for errors) and where it is.
public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    /// The identifier, the decoded string piece, the number's spelling, or the error message.
    public var text: String
    /// The value of a number token.
    public var number: Double
    public var span: SourceSpan

    public init(kind: TokenKind, text: String, number: Double = 0, span: SourceSpan) {
        self.kind = kind
        self.text = text
        self.number = number
        self.span = span
    }

    /// The keywords, by spelling.
    static let keywords: [String: TokenKind] = [
        "let": .let, "var": .var, "fn": .fn, "if": .if, "else": .else, "for": .for, "in": .in,
        "while": .while, "break": .break, "continue": .continue, "return": .return,
        "true": .true, "false": .false, "nil": .nil,
    ]

    /// The keywords that may begin an expression (`fn`, `if`, `nil`, `true`, `false`), sorted:
    /// the REPL completes them everywhere.
    public static let expressionKeywords = keywords.filter { $0.value.beginsExpression }.keys.sorted()

    /// The other keywords (`let`, `while`, `return`, ...), sorted: the REPL completes them where a
    /// statement may start.
    public static let statementKeywords = keywords.filter { !$0.value.beginsExpression }.keys.sorted()
}

extension TokenKind {
    /// True for the keywords an expression may start with.
    var beginsExpression: Bool {
        switch self {
        case .fn, .if, .true, .false, .nil: return true
        default: return false
        }
    }

    /// How the token reads in an error message (`')'`, `end of input`, `a number`).
    public var spelling: String {
        switch self {
        case .identifier: return "a name"
        case .number: return "a number"
        case .string, .interpolation: return "a string"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        case .error: return "invalid text"
        default: return "'\(symbol)'"
        }
    }

    private var symbol: String {
        switch self {
        case .let: return "let"
        case .var: return "var"
        case .fn: return "fn"
        case .if: return "if"
        case .else: return "else"
        case .for: return "for"
        case .in: return "in"
        case .while: return "while"
        case .break: return "break"
        case .continue: return "continue"
        case .return: return "return"
        case .true: return "true"
        case .false: return "false"
        case .nil: return "nil"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .comma: return ","
        case .colon: return ":"
        case .semicolon: return ";"
        case .dot: return "."
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .percent: return "%"
        case .starStar: return "**"
        case .at: return "@"
        case .bang: return "!"
        case .equal: return "="
        case .equalEqual: return "=="
        case .bangEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .ampAmp: return "&&"
        case .pipePipe: return "||"
        case .halfOpenRange: return "..<"
        case .closedRange: return "..."
        case .plusEqual: return "+="
        case .minusEqual: return "-="
        case .starEqual: return "*="
        case .slashEqual: return "/="
        case .percentEqual: return "%="
        case .starStarEqual: return "**="
        case .atEqual: return "@="
        case .identifier, .number, .string, .interpolation, .newline, .endOfInput, .error:
            return ""
        }
    }
}
