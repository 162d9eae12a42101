// Release-build benchmarks; scripts/bench runs this beside its Python peers.
//
//     RecastBench [--json] [section ...]      (no section: all of them)
//
// Plain output is one line per figure, `section case value`, after `#` lines of context; with
// --json, one JSON array of {section, name, value, unit}.
import Foundation

/// Every section, in the order they run; add new ones here (and a peer in scripts/bench_peers).
let benchmarks: [Benchmark] = [
    SgemmBenchmark.section, LeNetBenchmark.section, LibraryBenchmark.section,
    ReprogramBenchmark.section, ReprogramTableBenchmark.section, PathwayBenchmark.section,
    InterpreterBenchmark.section,
] + SelectionBenchmark.sections

var arguments = Array(CommandLine.arguments.dropFirst())
let json = arguments.contains("--json")
arguments.removeAll { $0 == "--json" }

let unknown = arguments.filter { name in !benchmarks.contains { $0.name == name } }
guard unknown.isEmpty else {
    let known = benchmarks.map(\.name).joined(separator: ", ")
    FileHandle.standardError.write(
        Data(
            "RecastBench: unknown section \(unknown.joined(separator: ", ")) (known: \(known))\n"
                .utf8))
    exit(2)
}
let chosen = arguments.isEmpty ? benchmarks : benchmarks.filter { arguments.contains($0.name) }

do {
    var measurements: [Measurement] = []
    for benchmark in chosen {
        if !json { benchmark.context().forEach { print("# \($0)") } }
        let figures = try benchmark.run()
        if !json { figures.forEach { print($0.line) } }
        measurements += figures
    }
    if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(measurements), as: UTF8.self))
    }
} catch {
    FileHandle.standardError.write(Data("RecastBench: \(error)\n".utf8))
    exit(1)
}
