/// Builds the syntax tree of a chunk from its tokens, reporting every syntax error once.
///
/// A recursive-descent parser, one function per precedence level (lowest first):
/// `||`, `&&`, comparisons, ranges (`..<`, `...`), `+ -`, `* / % @`, prefix `- + !`, `**`
/// (right-associative, binding tighter than a prefix minus on its left), then calls, indexing
/// and members. After an error the parser skips to the end of the statement (panic mode), so one
/// mistake gives one message. Nesting deeper than `maxDepth` is an error rather than a crash.
public struct Parser {
    /// How deeply expressions and blocks may nest.
    public static let maxDepth = 256

    private struct ParseError: Error {
        var message: String
        var span: SourceSpan
        var atEnd: Bool
    }

    private let source: SourceFile
    private let tokens: [Token]
    private var current = 0
    private var depth = 0
    private var nextID = 0
    private var diagnostics: [Diagnostic] = []

    private init(source: SourceFile) {
        self.source = source
        tokens = Lexer.tokenize(source.text, firstLine: source.firstLine)
    }

    /// The statements of `source`, or every syntax error found in it.
    public static func parse(_ source: SourceFile) throws(Diagnostics) -> [Statement] {
        var parser = Parser(source: source)
        let statements = parser.program()
        guard parser.diagnostics.isEmpty else { throw Diagnostics(parser.diagnostics) }
        return statements
    }

    // MARK: - Tokens

    private var token: Token { tokens[current] }

    private func peekKind(_ offset: Int = 1) -> TokenKind {
        let index = current + offset
        return index < tokens.count ? tokens[index].kind : .endOfInput
    }

    private func check(_ kind: TokenKind) -> Bool { token.kind == kind }

    @discardableResult
    private mutating func advance() -> Token {
        let taken = token
        if current < tokens.count - 1 { current += 1 }
        return taken
    }

    private mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    @discardableResult
    private mutating func consume(_ kind: TokenKind, _ expectation: String) throws(ParseError) -> Token {
        guard check(kind) else { throw unexpected(expectation) }
        return advance()
    }

    /// An error at the current token: "expected X, found Y" (or the lexer's own message).
    private func unexpected(_ expectation: String) -> ParseError {
        if token.kind == .error { return ParseError(message: token.text, span: token.span, atEnd: false) }
        return ParseError(
            message: "expected \(expectation), found \(token.kind.spelling)", span: token.span,
            atEnd: token.kind == .endOfInput)
    }

    private mutating func makeID() -> Int {
        nextID += 1
        return nextID
    }

    private mutating func skipNewlines() { while check(.newline) { advance() } }

    private mutating func skipSeparators() { while check(.newline) || check(.semicolon) { advance() } }

    /// Counts one level of nesting; the caller restores `depth` when it returns.
    private mutating func deeper() throws(ParseError) {
        depth += 1
        guard depth <= Parser.maxDepth else {
            throw ParseError(
                message: "expression nests too deeply (more than \(Parser.maxDepth) levels)", span: token.span,
                atEnd: false)
        }
    }

    private mutating func make(_ kind: ExpressionKind, _ span: SourceSpan) -> Expression {
        Expression(kind: kind, span: span, id: makeID())
    }

    // MARK: - Statements

    private mutating func program() -> [Statement] {
        var statements: [Statement] = []
        skipSeparators()
        while !check(.endOfInput) {
            if check(.rightBrace) {
                report(ParseError(message: "unexpected '}' (no block is open)", span: token.span, atEnd: false))
                advance()
            } else if let statement = recoveringStatement() {
                statements.append(statement)
            }
            skipSeparators()
        }
        return statements
    }

    private mutating func recoveringStatement() -> Statement? {
        do throws(ParseError) {
            let statement = try self.statement()
            if !(check(.newline) || check(.semicolon) || check(.rightBrace) || check(.endOfInput)) {
                throw unexpected("a newline or ';' after the statement")
            }
            return statement
        } catch {
            report(error)
            synchronize()
            return nil
        }
    }

    private mutating func report(_ error: ParseError) {
        diagnostics.append(
            Diagnostic(stage: .parse, message: error.message, source: source, span: error.span, isUnexpectedEnd: error.atEnd))
    }

    /// Skips to the end of the broken statement: a newline or `;` outside any block it opened,
    /// or the `}` that closes the enclosing block (left for the block to read).
    private mutating func synchronize() {
        var braces = 0
        while !check(.endOfInput) {
            switch token.kind {
            case .leftBrace:
                braces += 1
            case .rightBrace:
                if braces == 0 { return }
                braces -= 1
            case .newline, .semicolon:
                if braces == 0 {
                    advance()
                    return
                }
            default:
                break
            }
            advance()
        }
    }

    private mutating func statement() throws(ParseError) -> Statement {
        let start = token.span
        switch token.kind {
        case .let, .var:
            let isConstant = advance().kind == .let
            let name = try consume(.identifier, "a name after '\(isConstant ? "let" : "var")'")
            let binding = Binding(name: name.text, span: name.span, id: makeID())
            var value: Expression?
            if match(.equal) {
                skipNewlines()
                value = try expression()
            } else if isConstant {
                throw unexpected("'=' and a value (a 'let' constant needs one)")
            }
            return Statement(
                kind: .declaration(isConstant: isConstant, binding, value), span: start.through(value?.span ?? name.span),
                id: makeID())
        case .fn where peekKind() == .identifier:
            advance()
            let name = advance()
            let function = try functionRest(name: name.text, start: start)
            let binding = Binding(name: name.text, span: name.span, id: makeID())
            return Statement(kind: .function(binding, function), span: start.through(function.body.span), id: makeID())
        case .for:
            advance()
            var bindings: [Binding] = []
            repeat {
                let name = try consume(.identifier, "a loop variable name")
                bindings.append(Binding(name: name.text, span: name.span, id: makeID()))
            } while match(.comma)
            try consume(.in, "'in' after the loop variable")
            let sequence = try expression()
            let body = try block()
            return Statement(kind: .forLoop(bindings, sequence: sequence, body: body), span: start.through(body.span), id: makeID())
        case .while:
            advance()
            let condition = try expression()
            let body = try block()
            return Statement(kind: .whileLoop(condition: condition, body: body), span: start.through(body.span), id: makeID())
        case .break:
            advance()
            return Statement(kind: .breakLoop, span: start, id: makeID())
        case .continue:
            advance()
            return Statement(kind: .continueLoop, span: start, id: makeID())
        case .return:
            advance()
            if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.endOfInput) {
                return Statement(kind: .returnValue(nil), span: start, id: makeID())
            }
            let value = try expression()
            return Statement(kind: .returnValue(value), span: start.through(value.span), id: makeID())
        default:
            return try expressionStatement()
        }
    }

    private static let assignmentOperators: [TokenKind: BinaryOperator?] = [
        .equal: nil, .plusEqual: .add, .minusEqual: .subtract, .starEqual: .multiply, .slashEqual: .divide,
        .percentEqual: .remainder, .starStarEqual: .power, .atEqual: .matmul,
    ]

    private mutating func expressionStatement() throws(ParseError) -> Statement {
        let target = try expression()
        guard let entry = Parser.assignmentOperators[token.kind] else {
            return Statement(kind: .expression(target), span: target.span, id: makeID())
        }
        switch target.kind {
        case .variable, .index, .member:
            break
        default:
            throw ParseError(
                message: "cannot assign to this expression (only to a name, an index or a member)", span: target.span,
                atEnd: false)
        }
        advance()
        skipNewlines()
        let value = try expression()
        return Statement(
            kind: .assignment(target: target, operator: entry, value: value), span: target.span.through(value.span),
            id: makeID())
    }

    /// `{ statements }`; statement errors inside are reported and skipped, so only a missing
    /// `}` makes the block itself fail.
    private mutating func block() throws(ParseError) -> Block {
        let saved = depth
        defer { depth = saved }
        try deeper()
        let open = try consume(.leftBrace, "'{' to start a block")
        var statements: [Statement] = []
        skipSeparators()
        while !check(.rightBrace) && !check(.endOfInput) {
            if let statement = recoveringStatement() { statements.append(statement) }
            skipSeparators()
        }
        let close = try consume(.rightBrace, "'}' to close the block opened at \(open.span)")
        return Block(statements: statements, span: open.span.through(close.span))
    }

    /// The parameters and body of a function, after `fn` and its name (if any).
    private mutating func functionRest(name: String?, start: SourceSpan) throws(ParseError) -> FunctionLiteral {
        try consume(.leftParen, "'(' to start the parameters")
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let name = try consume(.identifier, "a parameter name")
            var defaultValue: Expression?
            if match(.equal) {
                defaultValue = try expression()
            } else if parameters.last?.defaultValue != nil {
                throw ParseError(
                    message: "parameter '\(name.text)' needs a default value, as the ones before it have",
                    span: name.span, atEnd: false)
            }
            parameters.append(Parameter(name: name.text, defaultValue: defaultValue, span: name.span, id: makeID()))
            if !match(.comma) { break }
        }
        let close = try consume(.rightParen, "')' after the parameters")
        let body = try block()
        return FunctionLiteral(
            name: name, parameters: parameters, body: body, signatureSpan: start.through(close.span), id: makeID())
    }

    // MARK: - Expressions

    private mutating func expression() throws(ParseError) -> Expression {
        let saved = depth
        defer { depth = saved }
        try deeper()
        return try logicalOr()
    }

    private mutating func logicalOr() throws(ParseError) -> Expression {
        let saved = depth
        defer { depth = saved }
        var left = try logicalAnd()
        while match(.pipePipe) {
            try deeper()
            skipNewlines()
            let right = try logicalAnd()
            left = make(.logical(isAnd: false, left, right), left.span.through(right.span))
        }
        return left
    }

    private mutating func logicalAnd() throws(ParseError) -> Expression {
        let saved = depth
        defer { depth = saved }
        var left = try comparison()
        while match(.ampAmp) {
            try deeper()
            skipNewlines()
            let right = try comparison()
            left = make(.logical(isAnd: true, left, right), left.span.through(right.span))
        }
        return left
    }

    private static let comparisonOperators: [TokenKind: BinaryOperator] = [
        .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessEqual, .greater: .greater,
        .greaterEqual: .greaterEqual,
    ]

    private mutating func comparison() throws(ParseError) -> Expression {
        let left = try range()
        guard let op = Parser.comparisonOperators[token.kind] else { return left }
        advance()
        skipNewlines()
        let right = try range()
        if Parser.comparisonOperators[token.kind] != nil {
            throw ParseError(
                message: "comparisons cannot be chained; combine them with '&&'", span: token.span, atEnd: false)
        }
        return make(.binary(op, left, right), left.span.through(right.span))
    }

    private mutating func range() throws(ParseError) -> Expression {
        let left = try additive()
        guard check(.halfOpenRange) || check(.closedRange) else { return left }
        let inclusive = advance().kind == .closedRange
        skipNewlines()
        let right = try additive()
        return make(.range(left, right, inclusive: inclusive), left.span.through(right.span))
    }

    private mutating func additive() throws(ParseError) -> Expression {
        try binaryLevel([.plus: .add, .minus: .subtract]) { parser throws(ParseError) in try parser.multiplicative() }
    }

    private mutating func multiplicative() throws(ParseError) -> Expression {
        try binaryLevel([.star: .multiply, .slash: .divide, .percent: .remainder, .at: .matmul]) {
            parser throws(ParseError) in try parser.unary()
        }
    }

    /// A left-associative chain of operators of one precedence level.
    private mutating func binaryLevel(
        _ operators: [TokenKind: BinaryOperator], operand: (inout Parser) throws(ParseError) -> Expression
    ) throws(ParseError) -> Expression {
        let saved = depth
        defer { depth = saved }
        var left = try operand(&self)
        while let op = operators[token.kind] {
            advance()
            try deeper()
            skipNewlines()
            let right = try operand(&self)
            left = make(.binary(op, left, right), left.span.through(right.span))
        }
        return left
    }

    private mutating func unary() throws(ParseError) -> Expression {
        let op: UnaryOperator
        switch token.kind {
        case .minus: op = .negate
        case .plus: op = .plus
        case .bang: op = .not
        default: return try power()
        }
        let saved = depth
        defer { depth = saved }
        try deeper()
        let start = advance().span
        let operand = try unary()
        if case .number(let value) = operand.kind, op == .negate {
            return make(.number(-value), start.through(operand.span))
        }
        return make(.unary(op, operand), start.through(operand.span))
    }

    private mutating func power() throws(ParseError) -> Expression {
        let base = try postfix()
        guard match(.starStar) else { return base }
        let saved = depth
        defer { depth = saved }
        try deeper()
        skipNewlines()
        let exponent = try unary()
        return make(.binary(.power, base, exponent), base.span.through(exponent.span))
    }

    private mutating func postfix() throws(ParseError) -> Expression {
        let saved = depth
        defer { depth = saved }
        var result = try primary()
        while true {
            if check(.newline) && peekKind() == .dot { advance() }
            switch token.kind {
            case .leftParen:
                try deeper()
                advance()
                let arguments = try callArguments()
                let close = try consume(.rightParen, "')' to close the call")
                result = make(.call(result, arguments), result.span.through(close.span))
            case .leftBracket:
                try deeper()
                advance()
                let indices = try indexArguments()
                let close = try consume(.rightBracket, "']' to close the index")
                result = make(.index(result, indices), result.span.through(close.span))
            case .dot:
                try deeper()
                advance()
                let name = try consume(.identifier, "a member name after '.'")
                result = make(.member(result, name: name.text, nameSpan: name.span), result.span.through(name.span))
            default:
                return result
            }
        }
    }

    private mutating func callArguments() throws(ParseError) -> [Argument] {
        var arguments: [Argument] = []
        while !check(.rightParen) {
            if check(.identifier) && peekKind() == .colon {
                let label = advance()
                advance()
                let value = try expression()
                if arguments.contains(where: { $0.label == label.text }) {
                    throw ParseError(message: "argument '\(label.text)' is given twice", span: label.span, atEnd: false)
                }
                arguments.append(Argument(label: label.text, value: value, span: label.span.through(value.span)))
            } else {
                let value = try expression()
                if arguments.last?.label != nil {
                    throw ParseError(
                        message: "a positional argument cannot follow keyword arguments", span: value.span, atEnd: false)
                }
                arguments.append(Argument(label: nil, value: value, span: value.span))
            }
            if !match(.comma) { break }
        }
        return arguments
    }

    private mutating func indexArguments() throws(ParseError) -> [IndexExpression] {
        var indices: [IndexExpression] = []
        repeat {
            let startSpan = token.span
            var start: Expression?
            if !check(.colon) { start = try expression() }
            if match(.colon) {
                func endsPart(_ parser: Parser) -> Bool {
                    parser.check(.colon) || parser.check(.comma) || parser.check(.rightBracket)
                }
                let end = endsPart(self) ? nil : try expression()
                var step: Expression?
                if match(.colon), !endsPart(self) { step = try expression() }
                let last = step?.span ?? end?.span ?? tokens[max(current - 1, 0)].span
                indices.append(.slice(start: start, end: end, step: step, span: startSpan.through(last)))
            } else if let start {
                indices.append(.value(start))
            }
        } while match(.comma)
        return indices
    }

    private mutating func primary() throws(ParseError) -> Expression {
        let start = token.span
        switch token.kind {
        case .number:
            return make(.number(advance().number), start)
        case .string:
            return make(.string(advance().text), start)
        case .interpolation:
            return try interpolation()
        case .true:
            advance()
            return make(.bool(true), start)
        case .false:
            advance()
            return make(.bool(false), start)
        case .nil:
            advance()
            return make(.nil, start)
        case .identifier:
            return make(.variable(advance().text), start)
        case .leftParen:
            advance()
            let inner = try expression()
            let close = try consume(.rightParen, "')' to close the parenthesis opened at \(start)")
            return Expression(kind: inner.kind, span: start.through(close.span), id: inner.id)
        case .leftBracket:
            return try collection()
        case .fn:
            advance()
            let function = try functionRest(name: nil, start: start)
            return make(.function(function), start.through(function.body.span))
        case .if:
            return try ifExpression()
        case .leftBrace:
            let body = try block()
            return make(.block(body), body.span)
        default:
            throw unexpected("an expression")
        }
    }

    private mutating func interpolation() throws(ParseError) -> Expression {
        let start = token.span
        var parts: [InterpolationPart] = []
        while true {
            let piece = advance()
            if !piece.text.isEmpty { parts.append(.text(piece.text)) }
            if piece.kind == .string { return make(.interpolation(parts), start.through(piece.span)) }
            parts.append(.expression(try expression()))
            guard check(.interpolation) || check(.string) else {
                throw unexpected("')' to close the interpolation")
            }
        }
    }

    private mutating func collection() throws(ParseError) -> Expression {
        let open = advance()
        if check(.colon) && peekKind() == .rightBracket {
            advance()
            let close = advance()
            return make(.dictionary([]), open.span.through(close.span))
        }
        if check(.rightBracket) {
            return make(.list([]), open.span.through(advance().span))
        }
        let first = try expression()
        if match(.colon) {
            var entries = [DictionaryEntry(key: first, value: try expression())]
            while match(.comma), !check(.rightBracket) {
                let key = try expression()
                try consume(.colon, "':' between a key and its value")
                entries.append(DictionaryEntry(key: key, value: try expression()))
            }
            let close = try consume(.rightBracket, "']' to close the dictionary opened at \(open.span)")
            return make(.dictionary(entries), open.span.through(close.span))
        }
        var elements = [first]
        while match(.comma), !check(.rightBracket) {
            elements.append(try expression())
        }
        let close = try consume(.rightBracket, "']' to close the list opened at \(open.span)")
        return make(.list(elements), open.span.through(close.span))
    }

    private mutating func ifExpression() throws(ParseError) -> Expression {
        let saved = depth
        defer { depth = saved }
        try deeper()
        let start = advance().span
        let condition = try expression()
        let then = try block()
        var otherwise: Block?
        if check(.newline) && peekKind() == .else { advance() }
        if match(.else) {
            if check(.if) {
                let nested = try ifExpression()
                let statement = Statement(kind: .expression(nested), span: nested.span, id: makeID())
                otherwise = Block(statements: [statement], span: nested.span)
            } else {
                otherwise = try block()
            }
        }
        return make(.ifElse(condition: condition, then: then, else: otherwise), start.through(otherwise?.span ?? then.span))
    }
}
