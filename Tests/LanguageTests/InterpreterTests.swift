import Foundation
import Synchronization
import Testing
import Language

@Suite struct InterpreterTests {
    @Test func testInterpreter_valuesPrintAsTheReplExpects() throws {
        let t = TestInterpreter()
        let value = try t.run("[1, 2.5, \"a\\n\", [\"k\": [true, nil]], 0..<2, [:]]").get()
        #expect(value.repr == "[1, 2.5, \"a\\n\", [\"k\": [true, nil]], 0..<2, [:]]")
        #expect(try t.run("\"bare\"").get().description == "bare")
        #expect(try t.run("fn named() {}\nnamed").get().repr == "<fn named>")
        #expect(try t.run("print").get().repr == "<built-in print>")
        #expect(try t.run("var xs = [1]\nxs.append(xs)\nxs").get().repr == "[1, [...]]")
        #expect(try t.run("let a = 1").get() == .nil)
    }

    @Test func testInterpreter_nativeArgumentErrorsInLuaWords() {
        let cases: [(String, String)] = [
            ("scale(\"a\")", "test.recast:1:7: error: bad argument #1 to 'scale' (number expected, got string)"),
            ("scale(1, by: [])", "test.recast:1:10: error: bad argument #2 to 'scale' (number expected, got list)"),
            ("scale(1, 2, 3)", "test.recast:1:13: error: too many arguments to 'scale' (it takes at most 2 arguments, got 3)"),
            ("scale(1, factor: 2)", "test.recast:1:10: error: unknown keyword argument 'factor' to 'scale' (valid: x, by)"),
            ("scale()", "test.recast:1:1: error: bad argument #1 to 'scale' (x expected, got no value)"),
            ("fn f(a, b) { a }\nf(1)", "test.recast:2:1: error: missing argument 'b' in call to 'f'"),
            ("fn f(a) { a }\nf(1, 2)", "test.recast:2:1: error: too many arguments to 'f' (it takes 1 argument, got 2)"),
            ("3(1)", "test.recast:1:1: error: cannot call a number"),
        ]
        for (source, headline) in cases {
            guard case .failure(let diagnostics) = TestInterpreter().run(source) else {
                Issue.record("\(source) ran")
                continue
            }
            #expect(diagnostics.items.first?.headline == headline, "\(source)")
        }
    }

    @Test func testInterpreter_arithmeticFastPathsFallBackForOtherTypes() throws {
        // Locals in slots take the inlined number paths; other values go the general way.
        let t = TestInterpreter()
        let value = try t.run("fn f(s) {\n var t = s\n t += \"!\"\n t = t + \"?\"\n let u = t * 2\n u }\nf(\"a\")").get()
        #expect(value.repr == "\"a!?a!?\"")
        #expect(try t.run("fn g(x) { var n = 0\n while n < x { n += 2 }\n n % 3 }\ng(7)").get().repr == "2")
        #expect(try t.run("fn h(xs) { xs + [1] }\nh([0])").get().repr == "[0, 1]")
        let cases: [(String, String)] = [
            ("fn f(x) { x - 1 }\nf(\"a\")", "test.recast:1:11: error: cannot apply '-' to string and number"),
            ("fn f(x) { var y = 0\n y = x % 2 }\nf([])", "test.recast:2:6: error: cannot apply '%' to list and number"),
            ("fn f(x) { while x < 3 {} }\nf(\"a\")", "test.recast:1:17: error: cannot apply '<' to string and number"),
            ("fn p(v) { v }\nfn q(x) { p(x * 2) }\nq(nil)", "test.recast:2:13: error: cannot apply '*' to nil and number"),
            ("fn r(a, b) { a }\nfn q(x) { r(1, x / 2) }\nq(true)", "test.recast:2:16: error: cannot apply '/' to bool and number"),
        ]
        for (source, headline) in cases {
            guard case .failure(let diagnostics) = TestInterpreter().run(source) else {
                Issue.record("\(source) ran")
                continue
            }
            #expect(diagnostics.items.first?.headline == headline, "\(source)")
        }
    }

    @Test func testInterpreter_runtimeErrorsHaveShortTracebacks() {
        guard case .failure(let diagnostics) = TestInterpreter().run("fn a(n) { b(n) }\nfn b(n) { n + nil }\na(1)") else {
            Issue.record("ran")
            return
        }
        let frames = diagnostics.items[0].traceback.map { "\($0.span?.line ?? 0):\($0.function ?? "top")" }
        #expect(frames == ["2:b", "1:a", "3:top"])
    }

    @Test func testInterpreter_deepRecursionIsAnError() {
        guard case .failure(let diagnostics) = TestInterpreter().run("fn f(n) { 1 + f(n + 1) }\nf(0)") else {
            Issue.record("ran")
            return
        }
        #expect(diagnostics.items[0].message == "stack overflow (call depth exceeds 10000)")
        #expect(diagnostics.items[0].traceback.count == 10_001)
        #expect(diagnostics.description.contains("... 9992 more ..."))
        // The interpreter is still usable afterwards.
        let t = TestInterpreter()
        _ = t.run("fn f(n) { f(n + 1) }\nf(0)")
        _ = t.run("print(\"fine\")", replMode: true)
        #expect(t.output == "fine\n")
    }

    @Test func testInterpreter_interruptStopsALoop() {
        let t = TestInterpreter()
        let flag = t.interpreter.interrupt
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.raise() }
        let result = t.run("var i = 0\nwhile true { i += 1 }")
        guard case .failure(let diagnostics) = result else {
            Issue.record("the loop ended by itself")
            return
        }
        #expect(diagnostics.isInterrupted)
        let headline = diagnostics.items[0].headline
        #expect(headline.hasPrefix("test.recast:2:") && headline.hasSuffix("error: interrupted"))
        #expect(!t.interpreter.interrupt.isRaised)
    }

    @Test func testInterpreter_interruptStopsOnlyItsOwnInterpreter() {
        let race = TwoRuns()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            race.runningResult = race.running.run("var spins = 0\nwhile !finished() { spins += 1 }\nspins")
        }
        DispatchQueue.global().async(group: group) {
            race.stoppedResult = race.stopped.run("while true {}")
            race.finished.store(true, ordering: .relaxed)
        }
        let flag = race.stopped.interpreter.interrupt
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.raise() }
        guard group.wait(timeout: .now() + 30) == .success else {
            race.running.interpreter.interrupt.raise()
            race.stopped.interpreter.interrupt.raise()
            group.wait()
            Issue.record("a run did not end")
            return
        }
        guard case .failure(let diagnostics)? = race.stoppedResult else {
            Issue.record("the interrupted loop ended by itself")
            return
        }
        #expect(diagnostics.isInterrupted)
        guard case .success(let spins)? = race.runningResult else {
            Issue.record("the other interpreter was stopped too: \(String(describing: race.runningResult))")
            return
        }
        #expect((spins.number ?? 0) > 0)
        #expect(!race.running.interpreter.interrupt.isRaised)
    }

    @Test func testInterpreter_replSupport() throws {
        let t = TestInterpreter()
        _ = t.run("fn train(data, lr = 0.1, epochs = 3) { data }", replMode: true)
        #expect(t.interpreter.keywordNames(forCallee: "train") == ["data", "lr", "epochs"])
        #expect(t.interpreter.keywordNames(forCallee: "scale") == ["x", "by"])
        #expect(t.interpreter.globalNames.contains("train") && t.interpreter.globalNames.contains("print"))
        t.interpreter.reset()
        #expect(!t.interpreter.globalNames.contains("train"))
        #expect(t.interpreter.globalNames.contains("print"))
        #expect(try t.run("scale(2)").get() == .number(4))
    }

    @Test func testInterpreter_callsFromSwift() throws {
        let t = TestInterpreter()
        let function = try t.run("fn add(a, b = 1) { a + b }\nadd").get()
        #expect(try t.interpreter.call(function, [.number(2)]) == .number(3))
        #expect(try t.interpreter.call(function, [.number(2)], keywords: [("b", .number(5))]) == .number(7))
        #expect(throws: ScriptError.self) { try t.interpreter.call(.number(1), []) }
    }

    @Test func testInterpreter_jumpsOutOfValueBlocks() {
        let t = TestInterpreter()
        _ = t.run("""
        fn first(xs) {
            for x in xs { let y = if x > 1 { return x } else { x }; print(y) }
            0
        }
        print(first([1, 5]))
        var n = 0
        while true { n += 1; let stop = if n == 3 { break } else { false } }
        print(n)
        """)
        #expect(t.output == "1\n5\n3\n")
    }

    @Test func testInterpreter_conditionsMustBeBools() {
        guard case .failure(let diagnostics) = TestInterpreter().run("if 1 { }") else {
            Issue.record("ran")
            return
        }
        #expect(diagnostics.items[0].headline == "test.recast:1:4: error: condition must be a bool, got number")
    }
}

/// Two interpreters run on two threads: `running` spins until `stopped` has ended. Each is used
/// by one thread at a time; the results are read once both threads are done.
private final class TwoRuns: @unchecked Sendable {
    let stopped = TestInterpreter()
    let running = TestInterpreter()
    let finished = Atomic<Bool>(false)
    var stoppedResult: Result<Value, Diagnostics>?
    var runningResult: Result<Value, Diagnostics>?

    init() {
        running.interpreter.define("finished", .native(NativeFunction(
            spec: BuiltinSpec(name: "finished", parameters: [], summary: "True once the other run ended.")
        ) { [unowned self] _ in .bool(self.finished.load(ordering: .relaxed)) }))
    }
}
