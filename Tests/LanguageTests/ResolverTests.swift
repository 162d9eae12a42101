import Testing
import Language

@Suite struct ResolverTests {
    private func messages(_ source: String, replMode: Bool = false, interpreter: Interpreter? = nil) -> [String] {
        let interpreter = interpreter ?? TestInterpreter().interpreter
        return interpreter.check(source: source, replMode: replMode)?.items.map(\.message) ?? []
    }

    @Test func testResolver_undefinedNamesBeforeAnythingRuns() {
        let t = TestInterpreter()
        let result = t.run("print(\"side effect\")\nprint(lenght)")
        #expect(t.output == "")
        guard case .failure(let diagnostics) = result else {
            Issue.record("ran")
            return
        }
        #expect(diagnostics.items.map(\.stage) == [.resolve])
        #expect(diagnostics.items[0].message == "undefined name 'lenght'")
    }

    @Test func testResolver_suggestsCloseNames() {
        #expect(messages("let counter = 1\nprint(countr)") == ["undefined name 'countr' (did you mean 'counter'?)"])
    }

    @Test func testResolver_constantsCannotBeAssigned() {
        #expect(messages("let a = 1\na += 1").first?.hasPrefix("cannot assign to constant 'a'") == true)
        #expect(messages("fn f() {}\nf = 2").first?.hasPrefix("cannot assign to constant 'f'") == true)
        #expect(messages("for i in 0..<3 { i = 2 }").first?.hasPrefix("cannot assign to constant 'i'") == true)
        #expect(messages("print = 1") == ["cannot assign to built-in 'print'"])
        #expect(messages("var a = 1\na += 1\nfn g(p) { p = 2 }").isEmpty)
    }

    @Test func testResolver_redeclarationInFileAndRepl() {
        #expect(messages("let a = 1\nlet a = 2") == ["'a' is already declared at 1:5"])
        #expect(messages("let a = 1\nlet a = 2", replMode: true).isEmpty)
        #expect(messages("fn f() { let b = 1; let b = 2 }") == ["'b' is already declared in this block at 1:14"])
        #expect(messages("fn f() { let b = 1; if true { let b = 2 } }").isEmpty)
        #expect(messages("let print = 3").isEmpty, "built-ins may be shadowed")
    }

    @Test func testResolver_replKeepsAndRedeclaresGlobals() throws {
        let t = TestInterpreter()
        _ = t.run("let x = 1\nfn show() { print(x) }", replMode: true)
        _ = t.run("let x = \"again\"", replMode: true)
        _ = t.run("show()", replMode: true)
        #expect(t.output == "again\n")
        guard case .failure(let diagnostics) = t.run("let x = 3") else {
            Issue.record("a file may not redeclare")
            return
        }
        #expect(diagnostics.items[0].message.hasPrefix("'x' is already declared at test.recast:1:5"))
    }

    @Test func testResolver_topLevelOrder() {
        #expect(messages("print(y)\nlet y = 1") == ["'y' is used before its declaration"])
        #expect(messages("print(f())\nfn f() { g() }\nfn g() { 1 }").isEmpty)
        #expect(messages("fn f() { y }\nlet y = 1\nprint(f())").isEmpty)
    }

    @Test func testResolver_jumpsOutOfPlace() {
        #expect(messages("break") == ["'break' outside a loop"])
        #expect(messages("while true { fn f() { continue } }") == ["'continue' outside a loop"])
        #expect(messages("return") == ["'return' outside a function"])
        #expect(messages("fn f(a, a) {}") == ["parameter 'a' appears twice"])
        #expect(messages("for k, k in [] {}") == ["loop variable 'k' appears twice"])
    }

    @Test func testResolver_failedChunkDeclaresNothing() {
        let t = TestInterpreter()
        _ = t.run("let fresh = 1\nprint(missing)", replMode: true)
        #expect(!t.interpreter.globalNames.contains("fresh"))
    }
}
