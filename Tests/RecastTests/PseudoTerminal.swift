import Foundation
import Glibc

/// Runs `recast` on a pseudo-terminal, as a user at a terminal would: keys go in, the screen's
/// bytes come out. Every wait has a timeout, so a hang fails the test instead of blocking.
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        var expected: String
        var output: String
        var description: String { "timed out waiting for \(expected.debugDescription); the terminal showed:\n\(output)" }
    }

    private let master: Int32
    let pid: pid_t
    private var bytes: [UInt8] = []
    /// Where the next `expect` starts looking, so expectations match in order.
    private var searchStart = 0

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not see (spawn.h declares it for _GNU_SOURCE).
    private static let spawnSetsid: Int16 = 0x80

    /// Starts `executable` as the leader of a new session whose controlling terminal is a new
    /// pseudo-terminal (80 columns), with `environment`.
    init(executable: String, arguments: [String] = [], environment: [String: String]) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0, let name = ttyname(slave).map({ String(cString: $0) }) else {
            throw POSIXError(.ENXIO)
        }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        defer { close(slave) }
        self.master = master

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session; opening the terminal then makes it the session's controlling terminal,
        // so Ctrl-C typed on it sends SIGINT.
        // Signals as a login shell would leave them: none blocked, SIGINT with its default action.
        var none = sigset_t(), interrupt = sigset_t()
        sigemptyset(&none)
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &interrupt)
        let flags = PseudoTerminal.spawnSetsid | Int16(POSIX_SPAWN_SETSIGMASK) | Int16(POSIX_SPAWN_SETSIGDEF)
        posix_spawnattr_setflags(&attributes, flags)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        self.pid = pid
    }

    deinit {
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `keys` (`\r` is Enter, `\u{3}` Ctrl-C, `\t` Tab).
    func send(_ keys: String) {
        let data = Array(keys.utf8)
        data.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    /// Everything shown so far.
    var screen: String { String(decoding: bytes, as: UTF8.self) }

    /// Waits until `text` shows after the previous match; returns what came before it.
    @discardableResult
    func expect(_ text: String, timeout: Double = 10) throws -> String {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = find(needle) {
                let before = String(decoding: bytes[searchStart..<range.lowerBound], as: UTF8.self)
                searchStart = range.upperBound
                return before
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readMore(waitingUpTo: remaining) else {
                throw Timeout(expected: text, output: String(decoding: bytes[searchStart...], as: UTF8.self))
            }
        }
    }

    /// Waits for the program to exit and returns its exit status (nil when it did not exit).
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            _ = readMore(waitingUpTo: 0.05)
        }
        return nil
    }

    private func find(_ needle: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count - searchStart >= needle.count else { return nil }
        for start in searchStart...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            return start..<start + needle.count
        }
        return nil
    }

    /// Reads what is available, waiting up to `seconds`; false once the terminal is closed.
    private func readMore(waitingUpTo seconds: Double) -> Bool {
        var request = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, Int32(max(0, min(seconds, 0.2)) * 1000))
        if ready < 0 { return errno == EINTR }
        if ready == 0 { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        bytes += buffer[..<count]
        return true
    }
}
