import Glibc
import Language
import Synchronization

/// Ctrl-C handling, as Lua's standalone interpreter does it: the SIGINT handler only raises the
/// interrupt flag of the interpreter the console runs; that interpreter stops at its next
/// statement, and a line being read is dropped (`EditLineReader` polls the same flag while it
/// waits for keys). Other interpreters in the process are not disturbed.
public enum InterruptSignal {
    /// The flag the handler raises. The handler must not retain or release (not async-signal-safe):
    /// it loads this unretained reference and stores into its atomic; `installed` keeps it alive.
    private final class Route: Sendable {
        let target = Atomic<Unmanaged<InterruptFlag>?>(nil)
    }

    private static let route = Route()
    /// Every flag the route has pointed at, kept for the life of the process: a handler running
    /// on another thread may still hold an earlier one. The console installs one.
    nonisolated(unsafe) private static var installed: [InterruptFlag] = []

    /// Installs the handler so that Ctrl-C raises `flag` (and no other). Without `SA_RESTART`, so
    /// a blocking read returns `EINTR` at once. Call it before the interpreter starts threads:
    /// they inherit the unblocked signal mask.
    ///
    /// ```swift
    /// let interpreter = Prelude.makeInterpreter()
    /// InterruptSignal.install(raising: interpreter.interrupt)
    /// ```
    public static func install(raising flag: InterruptFlag) {
        if !installed.contains(where: { $0 === flag }) { installed.append(flag) }
        // The route is initialised lazily: that must happen here, never inside the handler.
        route.target.store(.passUnretained(flag), ordering: .releasing)
        flag.lower()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            InterruptSignal.route.target.load(ordering: .acquiring)?._withUnsafeGuaranteedRef { $0.raise() }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (the mask survives exec): unblock it.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
