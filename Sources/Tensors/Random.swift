import Foundation

/// A seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The same seed gives the same numbers on every machine and run; every random op in Recast
/// takes one of these explicitly. Normal variates use the Box–Muller transform.
///
/// ```swift
/// var rng = Random(seed: 42)
/// let x = rng.normal([2, 3])          // a 2×3 tensor of N(0, 1) draws
/// let order = rng.permutation(10)     // 0..<10 shuffled
/// ```
public struct Random: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform draw from [0, 1) with 24 random bits (every value exactly representable).
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform draw from [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal draw (Box–Muller, using both uniforms for one value for simplicity).
    public mutating func nextNormal() -> Float {
        let u1 = max(nextDouble(), 0x1p-53)
        let u2 = nextDouble()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        return Int(next(upperBound: UInt64(bound)))
    }

    /// A tensor of uniform draws from [low, high).
    public mutating func uniform(_ shape: [Int], low: Float = 0, high: Float = 1) -> Tensor {
        let n = shape.reduce(1) { $0 * max($1, 0) }
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = low + (high - low) * nextFloat() }
        return Tensor(unchecked: shape.map { max($0, 0) }, values)
    }

    /// A tensor of normal draws with the given mean and standard deviation.
    public mutating func normal(_ shape: [Int], mean: Float = 0, std: Float = 1) -> Tensor {
        let n = shape.reduce(1) { $0 * max($1, 0) }
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = mean + std * nextNormal() }
        return Tensor(unchecked: shape.map { max($0, 0) }, values)
    }

    /// The integers `0..<n` in a random order (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<max(n, 0))
        if values.count > 1 {
            for i in stride(from: values.count - 1, to: 0, by: -1) {
                values.swapAt(i, nextInt(below: i + 1))
            }
        }
        return values
    }

    /// `count` distinct integers from `0..<n`, in random order.
    /// - Throws: ``TensorError`` when `count` exceeds `n` or is negative.
    public mutating func choice(_ n: Int, count: Int) throws -> [Int] {
        guard count >= 0, count <= n else {
            throw TensorError("choice", "cannot choose \(count) distinct values from \(n)")
        }
        return Array(permutation(n).prefix(count))
    }

    /// `count` directions drawn uniformly from the unit sphere in `dimension` dimensions,
    /// as a `[count, dimension]` tensor (normalised Gaussian draws).
    public mutating func unitSphere(count: Int, dimension: Int) -> Tensor {
        var values = [Float](repeating: 0, count: max(count, 0) * max(dimension, 0))
        for row in 0..<max(count, 0) {
            var norm: Float = 0
            repeat {
                norm = 0
                for j in 0..<dimension {
                    let v = nextNormal()
                    values[row * dimension + j] = v
                    norm += v * v
                }
            } while norm == 0 && dimension > 0
            let scale = 1 / norm.squareRoot()
            for j in 0..<dimension { values[row * dimension + j] *= scale }
        }
        return Tensor(unchecked: [max(count, 0), max(dimension, 0)], values)
    }
}
