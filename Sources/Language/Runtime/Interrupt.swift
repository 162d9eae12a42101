import Synchronization

/// The flag that stops a running program: a Ctrl-C handler sets it; the interpreter checks it
/// before each statement and loop iteration and unwinds with an "interrupted" diagnostic.
///
/// Setting it is async-signal-safe (a lock-free atomic store).
public enum Interrupt {
    final class Flag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    static let flag = Flag()

    /// True once an interrupt was requested and not yet handled.
    public static var requested: Bool {
        get { flag.raised.load(ordering: .relaxed) }
        set { flag.raised.store(newValue, ordering: .relaxed) }
    }
}
