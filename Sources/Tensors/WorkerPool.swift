import Foundation
import Synchronization

/// The threads behind ``Parallel/forEach(_:grain:_:)``: one fewer than the cores, the calling
/// thread making up the rest.
///
/// A training step runs dozens of short parallel loops (a convolution over a batch, a pooling,
/// a large matrix product), each a fraction of a millisecond, with a little serial work between
/// them. Dispatch's workers fall asleep in those gaps and take longer to wake than the loops
/// last, so the calling thread ends up doing most of the work alone. These workers instead spin
/// for a moment after each loop, waiting for the next one, and only then sleep.
///
/// One loop runs at a time; a loop started while another is running (from another thread, or
/// nested inside a loop's body) runs on its calling thread alone. Loops hand out their chunks in
/// any order, so bodies must not depend on which thread runs which chunk (see ``Parallel``).
final class WorkerPool: Sendable {
    /// The pool of the process.
    static let shared = WorkerPool(threads: Parallel.workers - 1)

    /// How long a worker keeps looking for the next loop before it sleeps.
    static let spinDuration = Duration.milliseconds(2)

    /// Counts loops; a change tells the workers that ``current`` holds a new one.
    private let generation = Atomic<Int>(0)
    /// Workers asleep on ``wakeUp`` (or about to be).
    private let sleepers = Atomic<Int>(0)
    /// Whether a loop is running: later loops run alone until it is done.
    private let busy = Atomic<Bool>(false)
    private let current = Mutex<Loop?>(nil)
    private let wakeUp = NSCondition()

    private init(threads: Int) {
        for _ in 0..<max(threads, 0) {
            let thread = Thread { [self] in work() }
            thread.start()
        }
    }

    /// Runs `body(chunk)` for every chunk in `0..<chunks` on the workers and the calling thread,
    /// returning when all are done; or on the calling thread alone when the pool is busy.
    func run(_ chunks: Int, _ body: @Sendable (Int) -> Void) {
        guard chunks > 1, busy.compareExchange(
            expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            let loop = Loop(chunks: chunks, body: body)
            current.withLock { $0 = loop }
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            loop.runChunks()
            loop.waitUntilDone()
            // The workers may still hold the loop (not the body, which no chunk needs now).
            loop.release()
        }
    }

    /// A worker's life: wait for a loop, help with its chunks, repeat.
    private func work() {
        var seen = 0
        while true {
            seen = waitForLoop(after: seen)
            current.withLock { $0 }?.runChunks()
        }
    }

    /// Spins until the generation moves past `seen`, then sleeps if it has not; returns the new
    /// generation.
    private func waitForLoop(after seen: Int) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.spinDuration
        var spins = 0
        while generation.load(ordering: .acquiring) == seen {
            spins += 1
            // Reading the clock costs more than a look at the counter; do it now and then.
            guard spins % 1024 == 0, clock.now > deadline else { continue }
            wakeUp.lock()
            sleepers.add(1, ordering: .sequentiallyConsistent)
            while generation.load(ordering: .sequentiallyConsistent) == seen { wakeUp.wait() }
            sleepers.subtract(1, ordering: .sequentiallyConsistent)
            wakeUp.unlock()
        }
        return generation.load(ordering: .acquiring)
    }
}

/// One parallel loop: its body and the chunks not yet taken or not yet done.
private final class Loop: @unchecked Sendable {
    let chunks: Int
    /// Written before the loop is published and cleared after its last chunk; read only by a
    /// thread that has taken a chunk, which is done (``remaining`` counted down) before then.
    private var body: (@Sendable (Int) -> Void)?
    private let next = Atomic<Int>(0)
    private let remaining: Atomic<Int>

    init(chunks: Int, body: @escaping @Sendable (Int) -> Void) {
        self.chunks = chunks
        self.body = body
        remaining = Atomic(chunks)
    }

    /// Takes chunks until none is left.
    func runChunks() {
        while true {
            let chunk = next.add(1, ordering: .relaxed).oldValue
            guard chunk < chunks else { return }
            run(chunk)
            remaining.subtract(1, ordering: .releasing)
        }
    }

    /// Runs one chunk, holding the body only for the call (so that none is held once the
    /// chunk counts as done).
    private func run(_ chunk: Int) {
        body?(chunk)
    }

    /// Spins until every chunk is done (the caller has run out of chunks to take, so this is
    /// at most one chunk's time of another thread), yielding the core after a while in case
    /// that thread is waiting for it.
    func waitUntilDone() {
        var spins = 0
        while remaining.load(ordering: .acquiring) > 0 {
            spins += 1
            if spins > 10_000 { sched_yield() }
        }
    }

    func release() {
        body = nil
    }
}
