import Synchronization

/// The flag that stops an interpreter's running program: Ctrl-C raises it (see the Console's
/// `InterruptSignal`); the interpreter checks it before each statement (but `return`) and loop iteration and
/// unwinds with an "interrupted" diagnostic, and long built-ins (training loops) poll it too.
///
/// Each `Interpreter` owns one, so raising it stops that interpreter and no other. Raising is
/// async-signal-safe (a lock-free atomic store).
///
/// ```swift
/// let interpreter = Interpreter()
/// DispatchQueue.global().asyncAfter(deadline: .now() + 1) { interpreter.interrupt.raise() }
/// _ = interpreter.evaluate(source: "while true {}")  // fails with "interrupted"
/// ```
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// A lowered flag.
    public init() {}

    /// True once an interrupt was requested and not yet handled.
    @inline(__always)
    public var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Requests that the running program stop.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Forgets a request (before running new code, or once the request was handled).
    public func lower() { raised.store(false, ordering: .relaxed) }
}
