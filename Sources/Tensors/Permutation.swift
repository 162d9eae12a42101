/// A plan for copying a row-major array into a new axis order.
///
/// Size-1 axes are dropped and output axes that read adjacent input axes are merged, so a
/// permutation that only moves size-1 axes becomes the identity and `[0, 2, 1]` on `[n, h, w]`
/// becomes a batch of matrix transposes, which are copied in cache-sized tiles.
struct Permutation {
    /// Sizes of the merged input axes, in input order.
    let sizes: [Int]
    /// Output axis `i` reads merged input axis `order[i]`.
    let order: [Int]

    /// Plans the copy of an array of `shape` whose output axis `i` is input axis `axes[i]`.
    init(shape: [Int], axes: [Int]) {
        var renumbered = [Int](repeating: -1, count: shape.count)
        var dims: [Int] = []
        for axis in shape.indices where shape[axis] != 1 {
            renumbered[axis] = dims.count
            dims.append(shape[axis])
        }
        // Runs of output axes reading consecutive input axes, each as its input axes.
        var groups: [[Int]] = []
        for axis in axes where renumbered[axis] >= 0 {
            let a = renumbered[axis]
            if let last = groups.last?.last, last + 1 == a {
                groups[groups.count - 1].append(a)
            } else {
                groups.append([a])
            }
        }
        let inputOrder = groups.indices.sorted { groups[$0][0] < groups[$1][0] }
        var position = [Int](repeating: 0, count: groups.count)
        for (p, g) in inputOrder.enumerated() { position[g] = p }
        sizes = inputOrder.map { groups[$0].map { dims[$0] }.product }
        order = position
    }

    /// Whether the copy would keep every element where it is.
    var isIdentity: Bool { order.count <= 1 }

    /// The elements of `source` in the new order.
    func apply(to source: [Float]) -> [Float] {
        let n = source.count
        return source.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: n) { dst, initialized in
                initialized = n
                guard n > 0 else { return }
                if order == [1, 0] {
                    Permutation.transpose(src, dst, batch: 1, rows: sizes[0], cols: sizes[1])
                } else if order == [0, 2, 1] {
                    Permutation.transpose(
                        src, dst, batch: sizes[0], rows: sizes[1], cols: sizes[2])
                } else {
                    gather(src, dst)
                }
            }
        }
    }

    /// Transposes `batch` row-major `rows × cols` matrices, tile by tile.
    private static func transpose(
        _ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
        batch: Int, rows: Int, cols: Int
    ) {
        let tile = 32
        for b in 0..<batch {
            let offset = b * rows * cols
            for r0 in stride(from: 0, to: rows, by: tile) {
                let r1 = min(r0 + tile, rows)
                for c0 in stride(from: 0, to: cols, by: tile) {
                    let c1 = min(c0 + tile, cols)
                    // Writes run along output rows; the strided reads stay within the tile.
                    for c in c0..<c1 {
                        let to = offset + c * rows
                        for r in r0..<r1 { dst[to + r] = src[offset + r * cols + c] }
                    }
                }
            }
        }
    }

    /// The general case: an odometer over the outer output axes, a strided run over the last.
    private func gather(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>) {
        let inStrides = Tensor.strides(of: sizes)
        let outSizes = order.map { sizes[$0] }
        let reads = order.map { inStrides[$0] }
        let inner = outSizes[outSizes.count - 1]
        let innerStride = reads[reads.count - 1]
        var counter = [Int](repeating: 0, count: outSizes.count - 1)
        var base = 0
        var o = 0
        for _ in 0..<(dst.count / inner) {
            for j in 0..<inner {
                dst[o] = src[base + j * innerStride]
                o += 1
            }
            var axis = counter.count - 1
            while axis >= 0 {
                counter[axis] += 1
                base += reads[axis]
                if counter[axis] < outSizes[axis] { break }
                base -= reads[axis] * outSizes[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
    }
}
