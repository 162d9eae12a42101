import Testing
import Language

@Suite struct LexerTests {
    private func kinds(_ source: String) -> [TokenKind] { Lexer.tokenize(source).map(\.kind) }

    @Test func testLexer_spansCountCharacters() {
        let tokens = Lexer.tokenize("let é = \"ü\" + x2\n  y")
        #expect(tokens[0].span == SourceSpan(line: 1, column: 1, length: 3))
        #expect(tokens[1].kind == .error)
        #expect(tokens[3].span == SourceSpan(line: 1, column: 9, length: 3))
        #expect(tokens[5].text == "x2" && tokens[5].span.column == 15)
        #expect(tokens[7].span == SourceSpan(line: 2, column: 3, length: 1))
    }

    @Test func testLexer_numbersAndRanges() {
        let tokens = Lexer.tokenize("1_000 2.5e-3 0..<3 1...2 3.x")
        #expect(tokens[0].number == 1000)
        #expect(abs(tokens[1].number - 0.0025) < 1e-15)
        #expect(tokens.map(\.kind).prefix(8) == [.number, .number, .number, .halfOpenRange, .number, .number, .closedRange, .number])
        #expect(Lexer.tokenize("3abc")[0].kind == .error)
    }

    @Test func testLexer_interpolationPieces() {
        let tokens = Lexer.tokenize("\"a\\(x + f(\"b\"))c\\n\"")
        #expect(tokens.map(\.kind) == [.interpolation, .identifier, .plus, .identifier, .leftParen, .string, .rightParen, .string, .endOfInput])
        #expect(tokens[0].text == "a" && tokens[7].text == "c\n")
    }

    @Test func testLexer_newlinesInsideBracketsAreSpacing() {
        #expect(kinds("f(1,\n2)\n[3,\n4]") == [.identifier, .leftParen, .number, .comma, .number, .rightParen, .newline, .leftBracket, .number, .comma, .number, .rightBracket, .endOfInput])
        #expect(kinds("f(fn() {\na\n})").filter { $0 == .newline }.count == 2)
    }

    @Test func testLexer_commentsAndCellMarkers() {
        #expect(kinds("# %% Title\nx # note\n") == [.identifier, .newline, .endOfInput])
    }

    @Test func testLexer_badTextBecomesErrorTokens() {
        for source in ["\"open", "a & b", "a | b", "1..2", "\"\\q\"", "\"\\u{zz}\"", "$"] {
            #expect(Lexer.tokenize(source).contains { $0.kind == .error }, "\(source)")
        }
    }

    @Test func testLexer_keywordListsForTheCompleter() {
        #expect(Token.expressionKeywords == ["false", "fn", "if", "nil", "true"])
        #expect(Token.statementKeywords == ["break", "continue", "else", "for", "in", "let", "return", "var", "while"])
        for word in Token.expressionKeywords + Token.statementKeywords {
            let kind = Lexer.tokenize(word)[0].kind
            #expect(kind != .identifier && kind != .error, "\(word)")
        }
    }
}
