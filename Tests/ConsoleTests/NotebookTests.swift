import Foundation
import Testing

@testable import Console

@Suite struct NotebookTests {
    /// Writes `script` into a fresh folder, runs it as a notebook with the report in
    /// `folder/out/report.md`; returns the status, the report and the folder.
    private func runNotebook(_ script: (String) -> String, keepGoing: Bool = false) throws -> (status: Int32, report: String, errors: String) {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let path = folder + "/study.recast"
        try script(folder).write(toFile: path, atomically: true, encoding: .utf8)
        let errors = TextBuffer()
        let notebook = Notebook(interpreter: makeTestInterpreter(output: TextBuffer()), errors: { errors.text += $0 })
        let status = notebook.run(script: path, report: folder + "/out/report.md", keepGoing: keepGoing)
        let report = try String(contentsOfFile: folder + "/out/report.md", encoding: .utf8)
        return (status, report.replacingOccurrences(of: folder, with: "FOLDER"), errors.text)
    }

    private func study(_ folder: String) -> String {
        """
        # %% Setup
        let n = 3
        print("n is \\(n)")

        # %% A figure
        save_figure("\(folder)/out/figures/plot.png")
        save_figure("\(folder)/elsewhere.svg")
        n * 2
        # %% Broken
        print("before")
        [1, 2][5]
        # %%
        print("after")
        """
    }

    @Test func testNotebook_reportHasCodeOutputResultFiguresAndTimes() throws {
        let (status, report, errors) = try runNotebook(study)
        #expect(status == 1)
        #expect(errors.contains("study.recast:11:"))
        let expectedStart = """
            # study.recast

            Ran `FOLDER/study.recast`: 3 of 4 cells, 
            """
        #expect(report.hasPrefix(expectedStart))
        #expect(report.contains(" Stopped at cell 3 on an error.\n\n## 1. Setup\n\n```recast\nlet n = 3\nprint(\"n is \\(n)\")\n```\n\nOutput:\n\n```text\nn is 3\n```\n\n*Took "))
        #expect(report.contains("## 2. A figure\n\n```recast\nsave_figure("))
        #expect(report.contains("Result:\n\n```text\n6\n```\n\n![figures/plot.png](figures/plot.png)\n\n![../elsewhere.svg](../elsewhere.svg)\n\n*Took "))
        #expect(report.contains("## 3. Broken\n\n```recast\nprint(\"before\")\n[1, 2][5]\n```\n\nOutput:\n\n```text\nbefore\n```\n\nError:\n\n```text\nFOLDER/study.recast:11:"))
        #expect(!report.contains("## 4."))
        #expect(report.components(separatedBy: "*Took ").count == 4)
    }

    @Test func testNotebook_keepGoingRunsTheRestAfterAnError() throws {
        let (status, report, _) = try runNotebook(study, keepGoing: true)
        #expect(status == 1)
        #expect(report.contains("Ran `FOLDER/study.recast`: 4 of 4 cells, "))
        #expect(report.contains("Some cells failed."))
        #expect(report.contains("## 4. Cell 4\n\n```recast\nprint(\"after\")\n```\n\nOutput:\n\n```text\nafter\n```"))
    }

    @Test func testNotebook_cleanRunExitsWithZero() throws {
        let (status, report, errors) = try runNotebook { _ in "# %% Only\n1 + 1\n" }
        #expect(status == 0)
        #expect(errors.isEmpty)
        #expect(report.contains("1 of 1 cell, "))
        #expect(report.contains("Result:\n\n```text\n2\n```"))
    }

    @Test func testNotebookReport_fenceOutgrowsBackticksInText() {
        #expect(NotebookReport.fenced("a ``` b\n", info: "text") == "````text\na ``` b\n````")
        #expect(NotebookReport.fenced("plain", info: "recast") == "```recast\nplain\n```")
        #expect(NotebookReport.prose(of: "# Why it runs.\n#   On two lines.\n\nlet x = 1  # inline\n# later") == ("Why it runs.\nOn two lines.", "let x = 1  # inline\n# later"))
        #expect(NotebookReport.prose(of: "print(1)") == (nil, "print(1)"))
        #expect(NotebookReport.prose(of: "# only words") == ("only words", ""))
    }

    @Test func testNotebook_relativePaths() {
        #expect(Notebook.relativePath(of: "/a/b/figures/x.png", from: "/a/b") == "figures/x.png")
        #expect(Notebook.relativePath(of: "/a/c/y.svg", from: "/a/b") == "../c/y.svg")
    }
}
