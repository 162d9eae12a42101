/// Whether ops record the autodiff graph. On by default; ``withNoGrad(_:)`` turns it off for
/// evaluation, optimizer steps and pullbacks.
public enum GradMode {
    // Graph building happens on one thread (kernels may fan out, recording does not), so a plain
    // global is enough; the interpreter and trainers run on the main thread.
    nonisolated(unsafe) static var enabled = true

    /// Whether ops currently record the graph.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` with graph recording off, restoring the previous mode afterwards.
public func withNoGrad<T>(_ body: () throws -> T) rethrows -> T {
    let previous = GradMode.enabled
    GradMode.enabled = false
    defer { GradMode.enabled = previous }
    return try body()
}
