import Foundation
import Testing

/// `recast` run as a program: each command's exit code (0 ok, 1 error in the script, 2 usage,
/// 130 interrupted) and what it prints.
@Suite struct CommandLineTests {
    private let folder: String

    init() throws { folder = try makeTemporaryFolder() }

    private func file(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        return name
    }

    private func recast(_ arguments: String..., input: String? = nil) throws -> RecastBinary.Outcome {
        try RecastBinary.run(arguments, in: folder, input: input)
    }

    @Test func testRun_successExitsZero() throws {
        let script = try file("ok.recast", "let xs = [1, 2, 3]\nprint(len(xs))\n")
        let outcome = try recast("run", script)
        #expect(outcome.status == 0)
        #expect(outcome.output == "3\n")
        #expect(outcome.errors.isEmpty)
    }

    @Test func testRun_errorExitsOneWithLocationAndCaret() throws {
        let script = try file("bad.recast", "print(1)\nprint([1, 2][7])\n")
        let outcome = try recast("run", script)
        #expect(outcome.status == 1)
        #expect(outcome.output == "1\n")
        #expect(outcome.errors.hasPrefix("bad.recast:2:"))
        #expect(outcome.errors.contains(": error: "))
        #expect(outcome.errors.contains("\nprint([1, 2][7])\n"))
        #expect(outcome.errors.contains("^"))
    }

    @Test func testRun_cellsRunInOrderOrAlone() throws {
        let script = try file("cells.recast", "# %% one\nlet a = 2\n# %% two\nprint(a * 10)\n# %% three\nprint(\"three\")\n")
        let second = try recast("run", script, "--cell", "2")
        #expect(second.status == 0)
        #expect(second.output == "20\n")
        let alone = try recast("run", script, "--cell", "3", "--only")
        #expect(alone.status == 0)
        #expect(alone.output == "three\n")
        let missing = try recast("run", script, "--cell", "2", "--only")
        #expect(missing.status == 1)
        #expect(missing.errors.hasPrefix("cells.recast:4:7: error: "))
        let outOfRange = try recast("run", script, "--cell", "9")
        #expect(outOfRange.status == 2)
        #expect(outOfRange.errors.contains("--cell 9 is out of range (cells.recast has 3 cells)"))
    }

    @Test func testRun_seedMakesRandomNumbersRepeat() throws {
        let script = try file("random.recast", "print(random())\n")
        let first = try recast("run", script, "--seed", "7")
        let again = try recast("run", script, "--seed", "7")
        let other = try recast("run", script, "--seed", "8")
        #expect(first.status == 0)
        #expect(first.output == again.output)
        #expect(first.output != other.output)
    }

    @Test func testUsageErrorsExitTwo() throws {
        #expect(try recast("run").status == 2)
        #expect(try recast("frobnicate").status == 2)
        #expect(try recast("run", "x.recast", "--only").status == 2)
        #expect(try recast("run", "x.recast", "--cell", "zero").status == 2)
        #expect(try recast("notebook", "x.recast").status == 2)
        let missing = try recast("run", "nowhere.recast")
        #expect(missing.status == 2)
        #expect(missing.errors == "recast: cannot read 'nowhere.recast': no such file\n")
        let unknown = try recast("--bogus")
        #expect(unknown.errors.contains("Unknown option '--bogus'"))
    }

    @Test func testCheck_reportsEveryErrorWithoutRunning() throws {
        let script = try file("check.recast", "print(\"ran\")\nprint(first)\nlet b = second + 1\n")
        let outcome = try recast("check", script)
        #expect(outcome.status == 1)
        #expect(outcome.output.isEmpty)
        #expect(outcome.errors.contains("check.recast:2:7: error: undefined name 'first'"))
        #expect(outcome.errors.contains("check.recast:3:9: error: undefined name 'second'"))
        let clean = try recast("check", try file("clean.recast", "print(1)\n"))
        #expect(clean.status == 0)
        #expect(clean.output.isEmpty)
    }

    @Test func testInterruptExits130() throws {
        let script = try file("loop.recast", "write(\"started\", \"yes\")\nvar i = 0\nwhile true { i += 1 }\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: RecastBinary.path)
        process.arguments = ["run", script]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        // A hang fails the test: the watchdog kills the run (the status is then not 130).
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
        defer { watchdog.cancel() }
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: folder + "/started") && Date() < deadline { usleep(10_000) }
        process.interrupt()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(text.contains("loop.recast:3:"))
        #expect(text.contains("interrupted"))
    }

    @Test func testStandardInputRunsAsAScript() throws {
        let outcome = try recast(input: "let n = 4\nprint(n * n)\n")
        #expect(outcome.status == 0)
        #expect(outcome.output == "16\n")
        let failing = try recast(input: "print(undefined_thing)\n")
        #expect(failing.status == 1)
        #expect(failing.errors.hasPrefix("<stdin>:1:7: error: "))
    }

    @Test func testVersionHelpAndDoc() throws {
        let version = try recast("--version")
        #expect(version.status == 0)
        #expect(version.output.split(separator: ".").count == 3)
        #expect(try recast("--help").status == 0)
        let doc = try recast("doc", "len")
        #expect(doc.status == 0)
        #expect(doc.output.hasPrefix("len(value)"))
        #expect(try recast("doc", "no_such_builtin").status == 2)
        let markdown = try recast("doc", "--markdown")
        #expect(markdown.status == 0)
        #expect(markdown.output.hasPrefix("# Built-ins"))
    }

    @Test func testNotebook_writesTheReport() throws {
        let script = try file("nb.recast", "# %% Greeting\nprint(\"hello\")\n# %% Broken\nprint([1][3])\n")
        let outcome = try recast("notebook", script, "-o", "report.md")
        #expect(outcome.status == 1)
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(report.hasPrefix("# nb.recast\n"))
        #expect(report.contains("## 1. Greeting\n\n```recast\nprint(\"hello\")\n```\n\nOutput:\n\n```text\nhello\n```"))
        #expect(report.contains("## 2. Broken"))
        #expect(report.contains("Error:\n\n```text\nnb.recast:4:"))
    }
}
