import Dispatch
import Tensors

/// Runs per-image work in parallel, deterministically: image `i` always gets the same random
/// generator (seeded from the dataset seed and `i`), whichever thread runs it.
enum ImageLoop {
    /// A seed for image `index` of a run seeded with `seed`.
    ///
    /// Hashing twice keeps neighbouring seeds apart: image 1 of seed 7 and image 0 of seed 8
    /// share nothing.
    static func seed(_ seed: UInt64, index: Int) -> UInt64 {
        mix(mix(seed) &+ UInt64(truncatingIfNeeded: index))
    }

    /// The SplitMix64 finaliser: a bijection on 64-bit words that scatters nearby inputs.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fills `count` images of `size` floats each, calling `body(index, rng, pixels)` once per
    /// image with its own generator and its own zeroed slice of the result.
    static func render(
        count: Int, size: Int, seed: UInt64,
        _ body: @Sendable (Int, inout Random, UnsafeMutableBufferPointer<Float>) -> Void
    ) -> [Float] {
        var result = [Float](repeating: 0, count: count * size)
        result.withUnsafeMutableBufferPointer { buffer in
            let base = SendablePointer(buffer.baseAddress)
            forEach(count) { index in
                guard let start = base.pointer else { return }
                var rng = Random(seed: ImageLoop.seed(seed, index: index))
                body(index, &rng, UnsafeMutableBufferPointer(start: start + index * size, count: size))
            }
        }
        return result
    }

    /// Calls `body` for every index in `0..<count`, spread over the processor's cores in chunks.
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        let chunks = min(count, 64)
        guard chunks > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * count / chunks)..<((chunk + 1) * count / chunks) { body(index) }
        }
    }
}

/// A pointer handed to parallel workers that each write a disjoint part of the buffer.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>?
    init(_ pointer: UnsafeMutablePointer<Float>?) { self.pointer = pointer }
}
