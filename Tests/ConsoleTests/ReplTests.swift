import Foundation
import Language
import Testing

@testable import Console

@Suite struct ReplTests {
    /// Runs `inputs` through a REPL; returns everything written and the reader.
    private func session(_ inputs: [LineInput], history: HistoryFile? = nil) -> (text: String, reader: ScriptedReader) {
        let buffer = TextBuffer()
        let reader = ScriptedReader(inputs)
        let repl = Repl(interpreter: makeTestInterpreter(output: buffer), reader: reader, history: history, write: { buffer.text += $0 })
        repl.run()
        return (buffer.text, reader)
    }

    private func session(_ lines: [String]) -> (text: String, reader: ScriptedReader) {
        session(lines.map { .line($0) })
    }

    @Test func testRepl_expressionsShowOut() {
        let (text, reader) = session(["1 + 2", "let x = 5", "x * 2", "print(\"hi\")"])
        #expect(text.contains("Out[1]: 3\n"))
        #expect(!text.contains("Out[2]"))
        #expect(text.contains("Out[3]: 10\n"))
        #expect(text.contains("hi\n"))
        #expect(!text.contains("Out[4]"))
        #expect(reader.prompts == ["In [1]: ", "In [2]: ", "In [3]: ", "In [4]: ", "In [5]: "])
    }

    @Test func testRepl_underscoreAndOutKeepResults() {
        let (text, _) = session(["21 * 2", "_ + 1", "Out[1] - 2", "\"a\" + \"b\""])
        #expect(text.contains("Out[2]: 43\n"))
        #expect(text.contains("Out[3]: 40\n"))
        #expect(text.contains("Out[4]: \"ab\"\n"))
    }

    @Test func testRepl_multilineInputContinuesWhileOpen() {
        let (text, reader) = session(["let xs = [1,", "2, 3]", "fn f(a) {", "  return a + 1", "}", "f(xs[2])"])
        #expect(text.contains("Out[3]: 4\n"))
        #expect(reader.prompts == ["In [1]: ", "   ...: ", "In [2]: ", "   ...: ", "   ...: ", "In [3]: ", "In [4]: "])
    }

    @Test func testRepl_continuationPromptAlignsWithWideNumbers() {
        let lines = Array(repeating: "1", count: 9) + ["(1 +", "2)"]
        let (text, reader) = session(lines)
        #expect(text.contains("Out[10]: 3\n"))
        #expect(reader.prompts[10] == "    ...: ")
        #expect(reader.prompts[10].count == "In [10]: ".count)
    }

    @Test func testRepl_errorsNameInputLineAndColumn() {
        let (text, _) = session(["let a = 1", "a + nope"])
        #expect(text.contains("In[2]:1:5: error: "))
        #expect(text.contains("a + nope\n    ^"))
    }

    @Test func testRepl_interruptDropsTheEntryBeingTyped() {
        let (text, reader) = session([.line("let a = [1,"), .interrupted, .line("a")])
        #expect(text.contains("In[1]:1:1: error: "))
        #expect(text.contains("'a'"))
        #expect(reader.prompts == ["In [1]: ", "   ...: ", "In [1]: ", "In [2]: "])
    }

    @Test func testRepl_blankLinesAreSkipped() {
        let (_, reader) = session(["", "   ", "1"])
        #expect(reader.prompts == ["In [1]: ", "In [1]: ", "In [1]: ", "In [2]: "])
    }

    @Test func testRepl_varsListsUserVariablesOnly() {
        let (text, _) = session(["let n = 3", "let s = \"hi\"", "fn f(a, b) { return a }", ":vars"])
        let table = text.split(separator: "\n").map { String($0) }
        #expect(table.contains("name  type      summary"))
        #expect(table.contains("f     function  fn f(a, b)"))
        #expect(table.contains("n     number    3"))
        #expect(table.contains("s     string    \"hi\""))
        #expect(!text.contains("print"))
        #expect(!text.contains("Out "))
    }

    @Test func testRepl_varsWhenEmpty() {
        #expect(session([":vars"]).text.contains("no variables yet"))
    }

    @Test func testRepl_timeShowsResultAndDuration() {
        let (text, reader) = session([":time 6 * 7", "1"])
        #expect(text.contains("Out[1]: 42\n"))
        #expect(text.contains("Wall time: "))
        #expect(text.contains("Out[2]: 1\n"))
        #expect(reader.prompts.prefix(2) == ["In [1]: ", "In [2]: "])
    }

    @Test func testRepl_loadRunsAFileInTheSession() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lib.recast"
        try "let loaded = 7\nprint(\"loading\")\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (text, _) = session([":load \(path)", "loaded * 2", ":load \(folder)/missing.recast"])
        #expect(text.contains("loading\n"))
        #expect(text.contains("Out[1]: 14\n"))
        #expect(text.contains(":load: cannot read '\(folder)/missing.recast': no such file"))
    }

    @Test func testRepl_resetForgetsVariablesKeepsBuiltins() {
        let (text, _) = session(["let k = 1", ":reset", "scale(3)", "k"])
        #expect(text.contains("variables cleared"))
        #expect(text.contains("Out[2]: 6\n"))
        #expect(text.contains("In[3]:1:1: error: "))
    }

    @Test func testRepl_quitStopsReading() {
        let (text, reader) = session([":quit", "1 + 1"])
        #expect(!text.contains("Out"))
        #expect(reader.prompts.count == 1)
    }

    @Test func testRepl_helpForCommandsBuiltinsAndMethods() {
        let (text, _) = session([":help", ":help scale", ":help list.append", ":help nope", ":help :time"])
        #expect(text.contains("Commands:\n  :help [name]"))
        #expect(text.contains("scale(x, by = 2)\n  x times by."))
        #expect(text.contains("list.append(value)"))
        #expect(text.contains(":help: no built-in, variable or type.method called 'nope'"))
        #expect(text.contains(":time expr\n  runs expr"))
    }

    @Test func testRepl_unknownAndMalformedCommands() {
        let (text, _) = session([":frobnicate", ":time", ":vars now"])
        #expect(text.contains("unknown command ':frobnicate' (commands: :help, :vars, :time, :load, :reset, :quit)"))
        #expect(text.contains(":time: expected an expression (usage: :time expr)"))
        #expect(text.contains(":vars: takes no argument, got 'now'"))
    }

    @Test func testRepl_historyIsSavedAndFedBack() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/history"
        let (_, first) = session([.line("let a = [1,"), .line("2]"), .line(":vars")], history: HistoryFile(path: path))
        #expect(first.history == ["let a = [1,", "2]", ":vars"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "let a = [1,\n2]\n:vars\n")
        let (_, second) = session([.line("1")], history: HistoryFile(path: path))
        #expect(second.history == ["let a = [1,", "2]", ":vars", "1"])
    }

    @Test func testRepl_completionKnowsCommandsAndPendingCall() {
        let buffer = TextBuffer()
        let reader = ScriptedReader(lines: [])
        let repl = Repl(interpreter: makeTestInterpreter(output: buffer), reader: reader, write: { buffer.text += $0 })
        defer { withExtendedLifetime(repl) {} }
        #expect(reader.complete(":ti") == Completion(word: ":ti", candidates: [":time"]))
        #expect(reader.complete(":help sca") == Completion(word: "sca", candidates: ["scale"]))
        #expect(reader.complete("1 + sc").candidates == ["scale"])
    }

    @Test func testReplCommand_parse() throws {
        #expect(try ReplCommand.parse(":help") == .help(nil))
        #expect(try ReplCommand.parse("  :help  scale ") == .help("scale"))
        #expect(try ReplCommand.parse(":time f(1, 2)") == .time("f(1, 2)"))
        #expect(try ReplCommand.parse(":load a b.recast") == .load("a b.recast"))
        #expect(try ReplCommand.parse(":q") == .quit)
        #expect(throws: ConsoleError.self) { try ReplCommand.parse(":load") }
    }
}
