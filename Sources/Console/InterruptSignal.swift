import Glibc
import Language

/// Ctrl-C handling, as Lua's standalone interpreter does it: the SIGINT handler only raises
/// `Interrupt.requested`; the interpreter stops at its next statement, and a line being read is
/// dropped (`EditLineReader` polls the flag while it waits for keys).
public enum InterruptSignal {
    /// Installs the handler. Without `SA_RESTART`, so a blocking read returns `EINTR` at once.
    /// Call it before starting threads: they inherit the unblocked signal mask.
    public static func install() {
        // Touch the flag first: its lazy initialisation must not happen inside the handler.
        Interrupt.requested = false
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.requested = true }
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
