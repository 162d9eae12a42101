import Tensors

/// What the synthetic domains share: argument checks, balanced labels, and parallel rendering.
enum Synthesis {
    /// Checks the arguments every generator takes.
    /// - Throws: ``DatasetError`` naming `op` and the first bad argument.
    static func check(
        _ op: String, count: Int, size: Int, options: KeyValuePairs<String, (Float, ClosedRange<Float>)>
    ) throws {
        guard count >= 0 else { throw DatasetError(op, "count must be non-negative, got \(count)") }
        guard (8...1024).contains(size) else {
            throw DatasetError(op, "size must be in 8...1024 pixels, got \(size)")
        }
        guard count <= 500_000_000 / (size * size) else {
            throw DatasetError(
                op, "\(count) images of \(size)×\(size) exceed the limit of 500 million pixels")
        }
        for (name, (value, range)) in options where !range.contains(value) {
            throw DatasetError(op, "\(name) must be in \(range), got \(value)")
        }
    }

    /// `count` labels spread evenly over `classCount` classes: each run of `classCount`
    /// images holds every class once, in an order fixed by `seed`. The labels of the first `n`
    /// images do not depend on `count`, so a larger set extends a smaller one with the same seed.
    static func balancedLabels(count: Int, classCount: Int, seed: UInt64) -> [Int] {
        var rng = Random(seed: seed)
        var labels = [Int]()
        labels.reserveCapacity(count + classCount)
        while labels.count < count { labels += rng.permutation(classCount) }
        return Array(labels.prefix(count))
    }

    /// A dataset of `count` single-channel `size×size` images with balanced labels, where
    /// `draw(label, rng, pixels)` paints each image (on black, values in [0, 1]) and Gaussian
    /// pixel noise of standard deviation `noise` is added after.
    static func dataset(
        name: String, provenance: String, classNames: [String], count: Int, size: Int, seed: UInt64,
        noise: Float, draw: @Sendable (Int, inout Random, UnsafeMutableBufferPointer<Float>) -> Void
    ) throws -> Dataset {
        let labels = balancedLabels(count: count, classCount: classNames.count, seed: seed)
        let scalars = ImageLoop.render(count: count, size: size * size, seed: seed) { index, rng, pixels in
            draw(labels[index], &rng, pixels)
            if noise > 0 { ImageKernels.addNoise(pixels, sigma: noise, rng: &rng) }
        }
        return Dataset(
            unchecked: name, provenance: provenance,
            inputs: try Tensor(shape: [count, 1, size, size], scalars: scalars),
            labels: labels, classNames: classNames)
    }

    /// A uniform draw from `-1...1` scaled by `amount`: the jitter of one parameter.
    static func jitter(_ amount: Float, _ rng: inout Random) -> Float {
        amount * (2 * rng.nextFloat() - 1)
    }
}
