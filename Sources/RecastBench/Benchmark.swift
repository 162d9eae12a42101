import Foundation

/// One section of the benchmark: a name to ask for on the command line, and the work that
/// measures it.
struct Benchmark {
    /// The section's name, as `RecastBench <name>` and `scripts/bench_peers/<name>.py` know it.
    let name: String
    /// Facts worth printing beside the figures (libraries, threads), one line each.
    let context: () -> [String]
    /// Runs the measurements.
    let run: () throws -> [Measurement]
}

/// One figure: which section and case, the value, and its unit.
struct Measurement: Encodable {
    let section: String
    let name: String
    let value: Double
    let unit: String

    /// The plain-text line `section case value`, which scripts/bench joins with its peer's.
    var line: String { "\(section) \(name) \(String(format: "%.2f", value))" }
}

/// Wall-clock timing for benchmarks.
enum Stopwatch {
    /// The best time in seconds for one call of `body`, over `samples` samples of `repeats` calls
    /// each, after `warmup` calls that are not timed (caches, thread pools, page faults).
    static func best(
        samples: Int = 7, repeats: Int = 1, warmup: Int = 2, _ body: () throws -> Void
    ) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var best = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<samples {
            let elapsed = try clock.measure {
                for _ in 0..<repeats { try body() }
            }
            let seconds =
                Double(elapsed.components.seconds)
                + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds / Double(repeats))
        }
        return best
    }
}
