/// Whether ops record the autodiff graph. On by default; ``withNoGrad(_:)`` turns it off for
/// evaluation, optimizer steps and pullbacks.
public enum GradMode {
    // Task-local (per thread outside any task), so graphs built side by side — parallel tests,
    // concurrent tasks — never see each other's no-grad sections.
    @TaskLocal static var enabled = true

    /// Whether ops currently record the graph.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` with graph recording off, restoring the previous mode afterwards.
public func withNoGrad<T>(_ body: () throws -> T) rethrows -> T {
    try GradMode.$enabled.withValue(false) { try body() }
}
