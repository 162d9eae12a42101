import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
///
/// ```
/// epoch 3/10 [##########..........] 50%  loss 0.412  acc 87.5%  5120 samples/s  ETA 4s
/// ```
public final class ProgressBar {
    /// Whether bars draw at all: true when standard error is a terminal.
    nonisolated(unsafe) public static var isEnabled = isatty(STDERR_FILENO) != 0

    private let total: Int
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A bar for `total` units of work.
    public init(total: Int) {
        self.total = max(total, 1)
    }

    /// Redraws the bar at `completed` units with a prefix and a status text (at most 10 times a
    /// second, and always at the end).
    public func update(_ completed: Int, prefix: String, status: String) {
        guard ProgressBar.isEnabled else { return }
        let now = Date()
        guard completed >= total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = min(Double(completed) / Double(total), 1)
        let width = 20
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let elapsed = now.timeIntervalSince(start)
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let line = "\(prefix) [\(bar)] \(Int(fraction * 100))%  \(status)  ETA \(ProgressBar.format(seconds: remaining))"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// Ends the line the bar was drawn on.
    public func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        drawn = false
    }

    /// Seconds as `42s` or `3m05s`.
    public static func format(seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s < 60 ? "\(s)s" : "\(s / 60)m\(String(format: "%02d", s % 60))s"
    }
}
