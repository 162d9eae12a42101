import Tensors

extension Dataset {
    /// One mini-batch: a slice of the inputs along the first axis and its labels.
    public typealias Batch = (inputs: Tensor, labels: [Int])

    /// The whole dataset cut into mini-batches of `size` samples; the last one may be smaller.
    ///
    /// Every sample appears in exactly one batch. With `shuffle`, the order is a random
    /// permutation fixed by `seed` (pass the epoch number for a new order each epoch); without,
    /// samples keep their order and `seed` is unused.
    ///
    /// - Throws: ``DatasetError`` when `size` is not positive.
    public func batches(size: Int, shuffle: Bool = false, seed: UInt64 = 0) throws -> [Batch] {
        guard size > 0 else {
            throw DatasetError("batches", "size must be positive, got \(size)")
        }
        var rng = Random(seed: seed)
        let order = shuffle ? rng.permutation(count) : Array(0..<count)
        return try stride(from: 0, to: count, by: size).map { start in
            let part = try selecting(
                Array(order[start..<min(start + size, count)]), name: name, step: "batch")
            return (part.inputs, part.labels)
        }
    }
}
