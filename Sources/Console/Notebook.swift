import Foundation
import Language
import Builtins

/// Runs a script cell by cell (`# %%` cells, with optional titles) and writes a Markdown report
/// of each cell's code, output, result or error, figures and time (see `NotebookReport`).
///
/// An error stops the run at that cell (exit code 1) unless `keepGoing`; Ctrl-C always stops it
/// (130). The report is written in both cases, atomically, so it shows where the run stopped.
///
/// ```swift
/// let status = Notebook(interpreter: interpreter).run(script: "study.recast", report: "report.md")
/// ```
public struct Notebook {
    private let interpreter: Interpreter
    private let errors: (String) -> Void

    /// A runner on `interpreter` (libraries opened); `errors` gets messages about the run itself.
    public init(interpreter: Interpreter, errors: @escaping (String) -> Void = ScriptRunner.standardError) {
        self.interpreter = interpreter
        self.errors = errors
    }

    /// Runs `script` and writes the report to `report`; returns the exit code.
    public func run(script: String, report reportPath: String, keepGoing: Bool = false) -> Int32 {
        let source: String
        do {
            source = try ScriptRunner.contents(of: script)
        } catch {
            errors("recast: \(error)\n")
            return ScriptRunner.ExitCode.usage
        }
        let reportFolder = URL(fileURLWithPath: reportPath).standardizedFileURL.deletingLastPathComponent().path
        let scriptFolder = URL(fileURLWithPath: script).standardizedFileURL.deletingLastPathComponent().path
        let watcher = FigureWatcher(folders: [FileManager.default.currentDirectoryPath, scriptFolder, reportFolder])
        let cells = Cell.split(source)
        var report = NotebookReport(script: script, cellCount: cells.count)
        var status = ScriptRunner.ExitCode.success
        for cell in cells {
            let (outcome, interrupted) = run(cell, script: script, watcher: watcher, reportFolder: reportFolder)
            report.cells.append(outcome)
            if interrupted {
                errors((outcome.error ?? "interrupted") + "\n")
                status = ScriptRunner.ExitCode.interrupted
                break
            }
            if let error = outcome.error {
                errors(error + "\n")
                status = ScriptRunner.ExitCode.scriptError
                if !keepGoing { break }
            }
        }
        do {
            try Data(report.markdown.utf8).write(to: URL(fileURLWithPath: reportPath), options: .atomic)
        } catch {
            errors("recast: notebook: cannot write '\(reportPath)' (\(error.localizedDescription))\n")
            return ScriptRunner.ExitCode.scriptError
        }
        return status
    }

    /// Runs one cell, capturing its output; true with it when Ctrl-C stopped it.
    private func run(_ cell: Cell, script: String, watcher: FigureWatcher, reportFolder: String)
        -> (NotebookReport.Cell, interrupted: Bool)
    {
        let before = watcher.snapshot()
        // Built-ins report what they save, in order; the watcher catches files written otherwise.
        var saved: [String] = []
        let savedFiles = SavedFiles.of(interpreter)
        savedFiles.observer = { saved.append(URL(fileURLWithPath: $0).standardizedFileURL.path) }
        defer { savedFiles.observer = nil }
        var output = ""
        let previousOutput = interpreter.output
        interpreter.output = { output += $0 }
        defer { interpreter.output = previousOutput }
        interpreter.interrupt.lower()
        let (result, seconds) = ElapsedTime.measure {
            interpreter.evaluate(source: cell.source, name: script, firstLine: cell.lines.lowerBound)
        }
        var outcome = NotebookReport.Cell(
            number: cell.index, title: cell.title, code: Notebook.code(of: cell), output: output, result: nil, error: nil,
            figures: (saved + watcher.changes(since: before).filter { !saved.contains($0) })
                .map { Notebook.relativePath(of: $0, from: reportFolder) }, seconds: seconds)
        switch result {
        case .success(let value):
            if !value.isNil { outcome.result = value.repr }
            return (outcome, false)
        case .failure(let diagnostics):
            outcome.error = diagnostics.description
            return (outcome, diagnostics.isInterrupted)
        }
    }

    /// The cell's code without its `# %%` marker line and surrounding blank lines.
    static func code(of cell: Cell) -> String {
        var lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, String(first).trimmingSpaces.hasPrefix("# %%") { lines.removeFirst() }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// `path` (absolute) relative to `folder` (absolute): `figures/a.png`, `../out/b.svg`.
    static func relativePath(of path: String, from folder: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(target.count, base.count), target[shared] == base[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: base.count - shared)
        return (ups + target[shared...]).joined(separator: "/")
    }
}
