/// Element-wise math on eight floats at a time, for the hot loops of `exp`, softmax and the
/// classification losses (the C library's `expf` goes one value at a time).
enum VectorMath {
    /// e^x lane by lane, within 2 ulp of the exact value over the whole Float range: `inf` above
    /// 88.72, gradual underflow to 0 below -87.3, and NaN kept.
    ///
    /// Cephes' method: x = n·ln 2 + r with |r| ≤ ln 2 / 2, a degree-6 polynomial for e^r, and
    /// 2^n applied as two factors so that n down to -150 (subnormal results) stays exact.
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // `replacing` compiles to vector selects; `pointwiseMin` and `pointwiseMax` do not.
        let clamped = x.replacing(with: 88.72284, where: x .> 88.72284)
            .replacing(with: -104, where: x .< -104)
        // Adding 1.5 · 2^23 rounds to an integer held in the low mantissa bits.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let shifted = clamped * 1.442695041 + magic
        let n = shifted - magic
        let k = unsafeBitCast(shifted, to: SIMD8<Int32>.self)
            &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        let r = clamped - n * 0.693359375 - n * -2.12194440e-4
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * (r * r) + r + 1
        let k1 = k &>> 1
        let scale1 = unsafeBitCast((k1 &+ 127) &<< 23, to: SIMD8<Float>.self)
        let scale2 = unsafeBitCast((k &- k1 &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = y * scale1 * scale2
        result.replace(with: .infinity, where: x .> 88.72284)
        result.replace(with: 0, where: x .< -104)
        result.replace(with: x, where: x .!= x)
        return result
    }

    /// e^x of `count` floats from `source` into `destination` (which may be the same memory).
    static func exp(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int
    ) {
        map(source, destination, count: count, exp)
    }

    /// e^x of one value, by the vector code (so scalar and vector paths agree).
    static func exp(_ x: Float) -> Float {
        exp(SIMD8(repeating: x))[0]
    }
}

extension VectorMath {
    /// Applies `f` to `count` floats from `source` into `destination` (which may be the same
    /// memory), eight at a time; the tail goes through `f` too, so a value's result never
    /// depends on where it sits.
    @inline(__always)
    static func map(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, count: Int,
        _ f: (SIMD8<Float>) -> SIMD8<Float>
    ) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(destination + i).storeBytes(of: f(v), as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            var v = SIMD8<Float>(repeating: 0)
            for j in 0..<(count - i) { v[j] = source[i + j] }
            let result = f(v)
            for j in 0..<(count - i) { destination[i + j] = result[j] }
        }
    }

    /// Applies `f` to `count` pairs from `a` and `b` into `destination`, eight at a time (the
    /// tail too, as in ``map(_:_:count:_:)``).
    @inline(__always)
    static func zip(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ destination: UnsafeMutablePointer<Float>, count: Int,
        _ f: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>
    ) {
        var i = 0
        while i + 8 <= count {
            let u = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let v = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(destination + i).storeBytes(of: f(u, v), as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            var u = SIMD8<Float>(repeating: 0)
            var v = SIMD8<Float>(repeating: 0)
            for j in 0..<(count - i) {
                u[j] = a[i + j]
                v[j] = b[i + j]
            }
            let result = f(u, v)
            for j in 0..<(count - i) { destination[i + j] = result[j] }
        }
    }

    /// `target[i] += source[i]` for `count` floats, eight at a time.
    @inline(__always)
    static func add(
        _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int
    ) {
        var i = 0
        while i + 8 <= count {
            let sum =
                UnsafeRawPointer(target + i).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            target[i] += source[i]
            i += 1
        }
    }

    /// The logistic function 1 / (1 + e^-x) lane by lane, without overflow.
    @inline(__always)
    static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let e = exp(x.replacing(with: -x, where: x .> 0))  // e^-|x|
        let s = 1 / (1 + e)
        return s.replacing(with: e * s, where: x .< 0)
    }

    /// The hyperbolic tangent lane by lane (Cephes' method): an odd polynomial below 0.625 in
    /// magnitude, where 1 - 2 / (e^2|x| + 1) would cancel, and that formula above.
    @inline(__always)
    static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let z = x * x
        var p = SIMD8<Float>(repeating: -5.70498872745e-3)
        p = p * z + 2.06390887954e-2
        p = p * z - 5.37397155531e-2
        p = p * z + 1.33314422036e-1
        p = p * z - 3.33332819422e-1
        let small = p * z * x + x
        let large = 1 - 2 / (exp(magnitude + magnitude) + 1)
        let signed = large.replacing(with: -large, where: x .< 0)
        return signed.replacing(with: small, where: magnitude .< 0.625)
    }

    /// The largest of `count` (at least one) contiguous floats.
    static func max(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var i = 0
        var best = -Float.infinity
        if count >= 8 {
            var lanes = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
            i = 8
            while i + 8 <= count {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
                lanes.replace(with: v, where: v .> lanes)
                i += 8
            }
            best = lanes.max()
        }
        while i < count {
            best = Swift.max(best, p[i])
            i += 1
        }
        return best
    }

    /// Σ a[i]·b[i] over `count` contiguous floats, in eight lanes.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            lanes += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }
}
