import Foundation

/// Runs the interpreter on a thread with a large stack, so that `Machine.maxDepth` nested calls
/// (each a few Swift frames deep, and much more in debug builds) fit with room to spare.
///
/// The caller waits for the result; a run started from that thread (a built-in evaluating more
/// code) runs in place.
enum LargeStack {
    /// The stack size of the interpreter thread: reserved address space, touched only as used.
    static let size = 1 << 30
    private static let threadName = "recast-interpreter"

    private final class Job<T>: @unchecked Sendable {
        let body: () -> T
        var result: T?
        let done = DispatchSemaphore(value: 0)

        init(_ body: @escaping () -> T) { self.body = body }
    }

    static func run<T>(_ body: @escaping () -> T) -> T {
        if Thread.current.name == threadName { return body() }
        let job = Job(body)
        let thread = Thread {
            job.result = job.body()
            job.done.signal()
        }
        thread.name = threadName
        thread.stackSize = size
        thread.start()
        job.done.wait()
        guard let result = job.result else { return body() }
        return result
    }
}
