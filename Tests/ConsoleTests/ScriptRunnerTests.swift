import Foundation
import Testing

@testable import Console

@Suite struct ScriptRunnerTests {
    private let script = """
        # a preamble comment
        let base = 10
        # %% Double it
        let doubled = base * 2
        print(doubled)
        # %%
        print(doubled + base)
        """

    /// Runs `body` with a runner whose output and errors are collected, and a script file.
    private func withRunner(
        _ text: String, _ body: (ScriptRunner, String) -> Void
    ) throws -> (output: String, errors: String) {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/script.recast"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let output = TextBuffer(), errors = TextBuffer()
        body(ScriptRunner(interpreter: makeTestInterpreter(output: output), errors: { errors.text += $0 }), path)
        return (output.text, errors.text.replacingOccurrences(of: folder, with: "FOLDER"))
    }

    @Test func testScriptRunner_runsTheWholeFile() throws {
        var status: Int32 = -1
        let result = try withRunner(script) { runner, path in status = runner.run(path: path) }
        #expect(status == 0)
        #expect(result.output == "20\n30\n")
        #expect(result.errors.isEmpty)
    }

    @Test func testScriptRunner_cellRunsTheCellsBeforeIt() throws {
        var status: Int32 = -1
        let result = try withRunner(script) { runner, path in status = runner.run(path: path, cell: 3) }
        #expect(status == 0)
        #expect(result.output == "20\n30\n")
    }

    @Test func testScriptRunner_onlyRunsTheCellAlone() throws {
        var status: Int32 = -1
        let result = try withRunner(script) { runner, path in status = runner.run(path: path, cell: 3, only: true) }
        #expect(status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("FOLDER/script.recast:7:7: error: "))
        #expect(result.errors.contains("print(doubled + base)\n      ^~~~~~~"))
    }

    @Test func testScriptRunner_cellOutOfRangeIsAUsageError() throws {
        var status: Int32 = -1
        let result = try withRunner(script) { runner, path in status = runner.run(path: path, cell: 4) }
        #expect(status == 2)
        #expect(result.errors == "recast: --cell 4 is out of range (FOLDER/script.recast has 3 cells)\n")
    }

    @Test func testScriptRunner_runtimeErrorExitsWithOne() throws {
        var status: Int32 = -1
        let result = try withRunner("print(1)\nlet a = [1, 2]\nprint(a[5])\nprint(2)\n") { runner, path in status = runner.run(path: path) }
        #expect(status == 1)
        #expect(result.output == "1\n")
        #expect(result.errors.hasPrefix("FOLDER/script.recast:3:"))
    }

    @Test func testScriptRunner_missingFileIsAUsageError() throws {
        var status: Int32 = -1
        let result = try withRunner("") { runner, path in status = runner.run(path: path + ".missing") }
        #expect(status == 2)
        #expect(result.errors == "recast: cannot read 'FOLDER/script.recast.missing': no such file\n")
    }

    @Test func testScriptRunner_checkReportsEveryErrorWithoutRunning() throws {
        var status: Int32 = -1
        let result = try withRunner("print(1)\nprint(first)\nprint(second)\n") { runner, path in status = runner.check(path: path) }
        #expect(status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("FOLDER/script.recast:2:7: error: "))
        #expect(result.errors.contains("FOLDER/script.recast:3:7: error: "))
        var clean: Int32 = -1
        _ = try withRunner("print(1)\n") { runner, path in clean = runner.check(path: path) }
        #expect(clean == 0)
    }
}
