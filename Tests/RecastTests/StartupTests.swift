import Foundation
import Glibc
import Testing

/// Start-up cost: `recast run` on an empty file must stay under 50 ms.
///
/// The check counts the child's CPU time (user + system, from `wait4`), the best of several
/// runs: wall time on a busy machine measures the queue for the processor, not the program.
@Suite struct StartupTests {
    /// The CPU seconds one run of `recast arguments` used.
    private func cpuSeconds(_ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = ([RecastBinary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, RecastBinary.path, &actions, nil, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        var exitStatus: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &exitStatus, 0, &usage) == pid, exitStatus == 0 else { throw POSIXError(.ECHILD) }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    @Test func testStartup_runOfAnEmptyFileIsUnder50Milliseconds() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let empty = folder + "/empty.recast"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let best = try (0..<5).map { _ in try cpuSeconds(["run", empty]) }.min() ?? .infinity
        #expect(best < 0.050, "recast run empty.recast used \(Int(best * 1000)) ms of CPU")
    }
}
