import Foundation

/// A parallel-for over index ranges, for kernels whose iterations write disjoint outputs.
///
/// Results never depend on how the work is split: each index is handled exactly once, and callers
/// only let index `i` write the output that belongs to `i`, so runs are bit-identical whatever the
/// number of cores. Reductions across indices stay with the caller, in a fixed order.
///
/// ```swift
/// let out = SharedBuffer(outBuffer)
/// Parallel.forEach(planes, grain: 4) { range in
///     for plane in range { out[plane] = … }     // each plane writes its own slice
/// }
/// ```
enum Parallel {
    /// The number of threads to spread over: the active cores, or fewer when
    /// `OPENBLAS_NUM_THREADS` asks for fewer (Tensors runs OpenBLAS single-threaded and does
    /// the threading itself, so that setting now applies here; benchmarks use it to give every
    /// library the same threads).
    static let workers: Int = {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let asked = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"].flatMap { Int($0) }
        return asked.map { min(max($0, 1), cores) } ?? cores
    }()

    /// Calls `body` on consecutive sub-ranges covering `0..<count`, concurrently when there is
    /// enough work: at least `grain` indices per chunk (pass the number of indices that is worth
    /// a thread hop), at most a few chunks per core.
    static func forEach(_ count: Int, grain: Int = 1, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(count / max(grain, 1), workers * 4)
        guard chunks > 1 else {
            body(0..<count)
            return
        }
        WorkerPool.shared.run(chunks) { chunk in
            body((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }
}

/// A buffer that parallel workers share, each touching only the indices it owns.
///
/// Unsafe pointers are not `Sendable`; this box lets a ``Parallel/forEach(_:grain:_:)`` body read
/// its inputs and write its own part of the output. The buffer must outlive the loop (use it
/// inside the `withUnsafe…BufferPointer` call that produced it).
struct SharedBuffer<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    /// Shares a buffer for writing.
    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }

    /// Shares a buffer for reading only.
    init(_ buffer: UnsafeBufferPointer<Element>) {
        self.buffer = UnsafeMutableBufferPointer(mutating: buffer)
    }

    /// The address of element `index`, for kernels that take pointers; `nil` for an empty
    /// buffer (whose base address may still be set, pointing at no storage of its own).
    func address(_ index: Int) -> UnsafeMutablePointer<Element>? {
        buffer.isEmpty ? nil : buffer.baseAddress.map { $0 + index }
    }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}
