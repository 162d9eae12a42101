import COpenBLAS
import Foundation
import Tensors

/// Single-precision matrix products through ``Tensors/matmul(_:_:)``: GFLOP/s for square sizes,
/// counting `2n³` operations per product (the figure numpy's `a @ b` is compared on).
enum SgemmBenchmark {
    static let sizes = [256, 512, 1024]

    static var section: Benchmark { Benchmark(name: "sgemm", context: context, run: run) }

    static func context() -> [String] {
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let environment = ProcessInfo.processInfo.environment
        let coretype = environment["OPENBLAS_CORETYPE"] ?? "unset"
        // Tensors runs OpenBLAS single-threaded and splits large products over its own threads,
        // as many as OPENBLAS_NUM_THREADS asks for (at most the cores).
        let threads = environment["OPENBLAS_NUM_THREADS"] ?? "all cores"
        return [
            "Recast: \(config); kernel \(core); threads \(threads) (Recast's blocks, each a "
                + "single-threaded sgemm); OPENBLAS_CORETYPE \(coretype)"
        ]
    }

    static func run() throws -> [Measurement] {
        var rng = Random(seed: 1)
        return try sizes.map { n in
            let a = rng.uniform([n, n], low: -1, high: 1)
            let b = rng.uniform([n, n], low: -1, high: 1)
            let operations = 2 * Double(n * n * n)
            // About a gigaflop per sample, so small sizes are not lost in timer noise.
            let repeats = max(1, Int(1e9 / operations))
            let seconds = try Stopwatch.best(repeats: repeats) { _ = try matmul(a, b) }
            return Measurement(
                section: "sgemm", name: "\(n)", value: operations / seconds / 1e9, unit: "GFLOP/s")
        }
    }
}
