import Foundation
import Learning
import ModelHub

/// Building the default model library from nothing, and opening it once built, in a temporary
/// RECAST_HOME (seconds; targets: under 180 s and under 1 s).
enum LibraryBenchmark {
    static var section: Benchmark { Benchmark(name: "library", context: context, run: run) }

    static func context() -> [String] {
        ["Recast: \(DefaultLibrary.entries.count) models, built in a temporary RECAST_HOME"]
    }

    static func run() throws -> [Measurement] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("recast-bench-\(getpid())").path
        setenv("RECAST_HOME", home, 1)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let clock = ContinuousClock()
        var library: ModelLibrary?
        let build = try clock.measure { library = try DefaultLibrary.open() }
        let open = try clock.measure { _ = try DefaultLibrary.open() }
        if let library { FileHandle.standardError.write(Data((library.table + "\n").utf8)) }
        return [
            Measurement(section: "library", name: "build_seconds", value: seconds(build), unit: "s"),
            Measurement(section: "library", name: "open_seconds", value: seconds(open), unit: "s"),
        ]
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
