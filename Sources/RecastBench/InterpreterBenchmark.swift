import Builtins
import Foundation
import Language

/// The language against CPython (scripts/bench_peers/interpreter.py runs the same programs):
/// recursive fib(27) and a `while` loop of 10⁷ arithmetic steps, each timed in the program by the
/// CPU time of the thread running it, best of 5 (Python: `time.thread_time()`); and start-up,
/// `recast run` on an empty file, by wall clock and by the child's CPU time, best of 5
/// (Python: `python3 -c pass`, timed the same way).
enum InterpreterBenchmark {
    static var section: Benchmark { Benchmark(name: "interpreter", context: context, run: run) }

    /// The programs, as interpreter.py writes them; `cpu_time()` is defined by the benchmark.
    static let programs = """
        fn fib(n) {
            if n < 2 { return n }
            fib(n - 1) + fib(n - 2)
        }

        fn loop(n) {
            var total = 0
            var i = 0
            while i < n {
                total = total + i % 7 * 2
                i += 1
            }
            total
        }

        fn best_of_5(run) {
            var best = 1e300
            for _ in 0..<5 {
                let start = cpu_time()
                run()
                best = min(best, cpu_time() - start)
            }
            best
        }

        assert(fib(27) == 196418 && loop(10) == 48)
        [best_of_5(fn() { fib(27) }), best_of_5(fn() { loop(10000000) })]
        """

    static func context() -> [String] {
        ["Recast: release build; programs timed in the language by thread CPU time, best of 5; start-up: `recast run empty.recast`"]
    }

    static func run() throws -> [Measurement] {
        let interpreter = Prelude.makeInterpreter()
        interpreter.define("cpu_time", .native(cpuTime))
        let result = interpreter.evaluate(source: programs, name: "interpreter-bench.recast")
        if case .failure(let diagnostics) = result { throw ScriptError("interpreter: \(diagnostics)") }
        guard case .success(.list(let list)) = result, list.elements.count == 2,
            let fib = list.elements[0].number, let loop = list.elements[1].number
        else {
            throw ScriptError("interpreter: the programs gave no timings")
        }
        let (wall, cpu) = try startup()
        return [
            Measurement(section: "interpreter", name: "fib27_ms", value: fib * 1000, unit: "ms"),
            Measurement(section: "interpreter", name: "loop1e7_ms", value: loop * 1000, unit: "ms"),
            Measurement(section: "interpreter", name: "startup_ms", value: wall * 1000, unit: "ms"),
            Measurement(section: "interpreter", name: "startup_cpu_ms", value: cpu * 1000, unit: "ms"),
        ]
    }

    /// `cpu_time()`: the CPU time of the calling thread (the interpreter's), in seconds.
    nonisolated(unsafe) static let cpuTime = NativeFunction(
        spec: BuiltinSpec(name: "cpu_time", parameters: [], summary: "CPU seconds of the interpreter's thread.")
    ) { _ in
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return .number(Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9)
    }

    /// Best of 5 wall-clock and CPU seconds (user + system, from the child's resource usage) of
    /// `recast run` on an empty file; `recast` is the executable beside this one.
    static func startup() throws -> (wall: Double, cpu: Double) {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let recast = folder.appendingPathComponent("recast").path
        guard FileManager.default.isExecutableFile(atPath: recast) else {
            throw ScriptError("interpreter: no recast executable at \(recast) (swift build -c release --product recast)")
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("recast-bench-empty.recast").path
        try Data().write(to: URL(fileURLWithPath: empty))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<5 {
            let before = childrenCPU()
            let start = DispatchTime.now().uptimeNanoseconds
            try runToEnd([recast, "run", empty])
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            best = (min(best.wall, wall), min(best.cpu, childrenCPU() - before))
        }
        return best
    }

    /// Starts `command` and waits for it (posix_spawn and waitpid, as Python's subprocess does:
    /// Foundation's `Process` adds its own latency).
    private static func runToEnd(_ command: [String]) throws {
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, command[0], nil, nil, arguments, environ)
        guard status == 0 else { throw ScriptError("interpreter: cannot start \(command[0]) (error \(status))") }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) < 0 && errno == EINTR {}
    }

    /// User plus system seconds of the children waited for so far.
    private static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_CHILDREN.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
