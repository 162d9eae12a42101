import ArgumentParser
import Console
import Foundation

/// `recast`: the REPL, or one of the subcommands. Parsing only: each command calls `Launcher`.
struct Recast: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recast",
        abstract: "A notebook-style scripting REPL for reusing pre-trained models.",
        discussion: "Without a subcommand, starts the REPL (or runs standard input when it is not a terminal).",
        version: Launcher.version,
        subcommands: [Run.self, Check.self, Doc.self, NotebookCommand.self])

    func run() throws { throw ExitCode(Launcher.repl()) }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a script, or one of its `# %%` cells.")

    @Argument(help: "The script to run.") var file: String
    @Option(help: "Run cell N (from 1), after the cells before it.") var cell: Int?
    @Flag(help: "With --cell, run that cell alone.") var only = false
    @Option(help: "Seed the random built-ins, as seed(N) would.") var seed: UInt64?

    func validate() throws {
        if let cell, cell < 1 { throw ValidationError("--cell must be 1 or more (got \(cell))") }
        if only && cell == nil { throw ValidationError("--only needs --cell N") }
    }

    func run() throws { throw ExitCode(Launcher.run(path: file, cell: cell, only: only, seed: seed)) }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and resolve a script without running it.")

    @Argument(help: "The script to check.") var file: String

    func run() throws { throw ExitCode(Launcher.check(path: file)) }
}

struct Doc: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the documentation of the built-ins.")

    @Argument(help: "A built-in's name; all of them when left out.") var name: String?
    @Flag(help: "The whole reference in Markdown (docs/builtins.md).") var markdown = false

    func validate() throws {
        if markdown && name != nil { throw ValidationError("--markdown writes the whole reference: leave out the name") }
    }

    func run() throws { throw ExitCode(Launcher.doc(name: name, markdown: markdown)) }
}

struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook", abstract: "Run a script cell by cell and write a Markdown report.")

    @Argument(help: "The script to run.") var file: String
    @Option(name: .shortAndLong, help: "The report to write (Markdown).") var output: String
    @Flag(help: "Run the remaining cells after an error.") var keepGoing = false
    @Option(help: "Seed the random built-ins, as seed(N) would.") var seed: UInt64?

    func run() throws {
        throw ExitCode(Launcher.notebook(path: file, report: output, keepGoing: keepGoing, seed: seed))
    }
}

// Usage errors exit with 2 (ArgumentParser's default is 64); help and --version with 0.
do {
    var command = try Recast.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    if Recast.exitCode(for: error) == .success { Recast.exit(withError: error) }
    FileHandle.standardError.write(Data((Recast.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
