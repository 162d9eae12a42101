import Testing
import Language

@Suite struct ParserTests {
    private func parse(_ source: String) -> Result<[Statement], Diagnostics> {
        Result { () throws(Diagnostics) in try Parser.parse(SourceFile(name: "p.recast", text: source)) }
    }

    private func errors(_ source: String) -> [Diagnostic] {
        if case .failure(let diagnostics) = parse(source) { return diagnostics.items }
        return []
    }

    @Test func testParser_precedenceAndAssociativity() {
        let t = TestInterpreter()
        _ = t.run("print(1 + 2 * 3 ** 2, 2 ** 3 ** 2, -2 ** 2, 10 - 4 - 3, (1 < 2) == true || false && false)")
        #expect(t.output == "19 512 -4 3 true\n")
    }

    @Test func testParser_oneErrorPerStatement() {
        let found = errors("let = 1 2 3\nprint(x))\nvar ok = 1\nfn (")
        #expect(found.map(\.span.line) == [1, 2, 4])
    }

    @Test func testParser_incompleteInputAsksForMore() throws {
        for source in ["fn f() {", "print(1,", "let x = 1 +", "[1, 2", "if x {\n  1\n} else {", "\"a\\(1 +"] {
            guard case .failure(let diagnostics) = parse(source) else {
                Issue.record("\(source) parsed")
                continue
            }
            #expect(diagnostics.isIncompleteInput, "\(source)")
        }
        for source in ["let = 1", "print(1))", "1 2", "\"unterminated"] {
            guard case .failure(let diagnostics) = parse(source) else {
                Issue.record("\(source) parsed")
                continue
            }
            #expect(!diagnostics.isIncompleteInput, "\(source)")
        }
    }

    @Test func testParser_spansOfNodes() throws {
        let statements = try parse("let total = price * (1 + rate)").get()
        guard case .declaration(_, let binding, let value?) = statements[0].kind else {
            Issue.record("not a declaration")
            return
        }
        #expect(binding.span == SourceSpan(line: 1, column: 5, length: 5))
        #expect(value.span == SourceSpan(line: 1, column: 13, length: 18))
    }

    @Test func testParser_badInputsReportPlaces() {
        let cases: [(String, String)] = [
            ("1 = 2", "cannot assign to this expression"),
            ("f(a: 1, 2)", "a positional argument cannot follow keyword arguments"),
            ("f(a: 1, a: 2)", "argument 'a' is given twice"),
            ("fn f(a = 1, b) {}", "parameter 'b' needs a default value"),
            ("1 < 2 < 3", "comparisons cannot be chained"),
            ("}", "unexpected '}'"),
            ("x.", "expected a member name after '.'"),
        ]
        for (source, message) in cases {
            let found = errors(source)
            #expect(found.count == 1 && found[0].message.contains(message), "\(source): \(found.map(\.message))")
        }
    }

    @Test func testParser_methodChainsAcrossLines() {
        let t = TestInterpreter()
        _ = t.run("var xs = [1]\nxs\n  .append(2)\nprint(xs)")
        #expect(t.output == "[1, 2]\n")
    }
}
