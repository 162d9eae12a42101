import COpenBLAS
import Foundation

/// Process-wide settings of the libraries under Tensors, made once before the first matrix
/// product.
///
/// - OpenBLAS computes on the calling thread only; Tensors spreads work over the cores itself
///   (``Parallel``, which also splits large matrix products in ``MatrixProduct``). Two thread
///   pools on the same cores fight: OpenBLAS's idle workers spin in `sched_yield` between
///   products while ours run im2col and pooling, and a product called inside a parallel loop
///   must not start threads of its own. Every split being Tensors' own, of fixed sizes, results
///   do not depend on the number of cores.
/// - malloc serves buffers below 32 MB from its heap and keeps up to 128 MB of freed memory:
///   training allocates and frees the same large buffers every step, and by default each one
///   would be a fresh `mmap` whose pages fault in again, zeroed by the kernel (a third of the
///   time of a small network's training step went there).
enum ProcessSettings {
    /// Evaluated once: every BLAS call site reads it (the Float32 products in
    /// ``MatrixProduct``, the Float64 ones through ``Matrix``'s initialiser).
    static let applied: Void = {
        openblas_set_num_threads(1)
        // glibc's mallopt is not in Swift's Glibc module; look it up (other C libraries may not
        // have it, and their allocators keep their own policy).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        if let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let (mmapThreshold, trimThreshold): (Int32, Int32) = (-3, -1)  // from <malloc.h>
            _ = mallopt(mmapThreshold, 32 << 20)
            _ = mallopt(trimThreshold, 128 << 20)
        }
    }()
}
