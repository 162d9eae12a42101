import Foundation

/// Measures and shows how long something took: `:time` in the REPL, each cell of a notebook.
public enum ElapsedTime {
    /// Runs `body` and returns its result with the seconds it took.
    public static func measure<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (result, seconds)
    }

    /// `850 µs`, `12.3 ms`, `4.56 s`, `2 min 5 s`: three significant digits below a minute.
    public static func format(_ seconds: Double) -> String {
        // Round first, so 999.7 µs shows as 1 ms rather than 1e+03 µs.
        let rounded = Double(String(format: "%.3g", max(seconds, 0))) ?? 0
        if rounded < 1e-3 { return String(format: "%.3g µs", rounded * 1e6) }
        if rounded < 1 { return String(format: "%.3g ms", rounded * 1e3) }
        if rounded < 60 { return String(format: "%.3g s", rounded) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}
