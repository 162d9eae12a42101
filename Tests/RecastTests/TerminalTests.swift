import Foundation
import Testing

/// The REPL driven through a pseudo-terminal, as a user would: libedit, prompts, completion,
/// history and Ctrl-C.
@Suite struct TerminalTests {
    private let folder: String

    init() throws { folder = try makeTemporaryFolder() }

    private func startRepl() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: RecastBinary.path, environment: ["HOME": folder, "TERM": "dumb", "PATH": "/usr/bin:/bin"])
        try terminal.expect("In [1]: ")
        return terminal
    }

    @Test func testTerminal_multilineInputContinues() throws {
        let terminal = try startRepl()
        terminal.send("let xs = [1,\r")
        try terminal.expect("   ...: ")
        terminal.send("2]\r")
        try terminal.expect("In [2]: ")
        terminal.send("fn twice(v) {\r")
        try terminal.expect("   ...: ")
        terminal.send("return v * 2\r")
        try terminal.expect("   ...: ")
        terminal.send("}\r")
        try terminal.expect("In [3]: ")
        terminal.send("twice(xs[1])\r")
        try terminal.expect("Out[3]: 4")
        terminal.send(":quit\r")
        #expect(terminal.waitForExit() == 0, "\(terminal.screen.suffix(300).debugDescription)")
    }

    @Test func testTerminal_nonASCIIInputSurvivesEditing() throws {
        let terminal = try startRepl()
        terminal.send("\"héllo ✓\"\r")
        try terminal.expect("Out[1]: \"héllo ✓\"")
        terminal.send("len(_)\r")
        try terminal.expect("Out[2]: 7")
    }

    @Test func testTerminal_tabCompletesNamesMembersAndListsCandidates() throws {
        let terminal = try startRepl()
        terminal.send("let apple = 1\r")
        try terminal.expect("In [2]: ")
        terminal.send("let apricot = 2\r")
        try terminal.expect("In [3]: ")
        // A unique name is completed in place.
        terminal.send("appl\t + 1\r")
        try terminal.expect("Out[3]: 2")
        // Several: Tab lists them.
        terminal.send("ap\t")
        let listing = try terminal.expect("apricot")
        #expect(listing.contains("apple"))
        // Ctrl-C drops the line (keys typed in the same instant are flushed by the terminal: wait).
        terminal.send("\u{3}")
        try terminal.expect("^C")
        try terminal.expect("In [4]: ")
        // Members after a dot, from the value's type.
        terminal.send("let xs = [1]\r")
        try terminal.expect("In [5]: ")
        terminal.send("xs.appe\t(5)\r")
        try terminal.expect("In [6]: ")
        terminal.send("xs\r")
        try terminal.expect("Out[6]: [1, 5]")
        // Keyword names inside a call.
        terminal.send("range(1, 7, ste\t 2)\r")
        try terminal.expect("Out[7]: range(1, 7, 2)")
    }

    @Test func testTerminal_historyIsWrittenAndReadBack() throws {
        do {
            let terminal = try startRepl()
            terminal.send("let remembered = 41\r")
            try terminal.expect("In [2]: ")
            terminal.send("\u{4}")
            #expect(terminal.waitForExit() == 0, "\(terminal.screen.suffix(300).debugDescription)")
        }
        let saved = try String(contentsOfFile: folder + "/.recast_history", encoding: .utf8)
        #expect(saved == "let remembered = 41\n")
        let terminal = try startRepl()
        // Ctrl-P recalls the previous line, from the last session.
        terminal.send("\u{10}\r")
        try terminal.expect("In [2]: ")
        terminal.send("remembered + 1\r")
        try terminal.expect("Out[2]: 42")
    }

    @Test func testTerminal_ctrlCStopsALoopAndKeepsVariables() throws {
        let terminal = try startRepl()
        terminal.send("let keep = 5\r")
        try terminal.expect("In [2]: ")
        terminal.send("var i = 0\r")
        try terminal.expect("In [3]: ")
        terminal.send("while true { i += 1 }\r")
        try terminal.expect("while true { i += 1 }\r\n")
        usleep(200_000)
        terminal.send("\u{3}")
        try terminal.expect("error: interrupted")
        try terminal.expect("In [4]: ")
        terminal.send("keep\r")
        try terminal.expect("Out[4]: 5")
        terminal.send("i > 0\r")
        try terminal.expect("Out[5]: true")
    }

    @Test func testTerminal_ctrlCClearsTheLineAndCtrlDLeaves() throws {
        let terminal = try startRepl()
        terminal.send("1 + ")
        try terminal.expect("1 + ")
        terminal.send("\u{3}")
        try terminal.expect("^C")
        try terminal.expect("In [1]: ")
        terminal.send("2\r")
        try terminal.expect("Out[1]: 2")
        terminal.send("[1,\r")
        try terminal.expect("   ...: ")
        terminal.send("\u{3}")
        try terminal.expect("^C")
        try terminal.expect("In [2]: ")
        terminal.send("\u{4}")
        #expect(terminal.waitForExit() == 0, "\(terminal.screen.suffix(300).debugDescription)")
    }
}
