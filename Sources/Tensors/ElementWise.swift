import Foundation

// MARK: - Kernels

extension Tensor {
    /// Applies `f` to every element, without recording.
    @inline(__always)
    func mapped(_ f: (Float) -> Float) -> Tensor {
        let n = count
        let out = scalars.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: n) { dst, initialized in
                for i in 0..<n { dst[i] = f(src[i]) }
                initialized = n
            }
        }
        return Tensor(unchecked: shape, out)
    }

    /// Applies a vector function to every element, eight at a time, without recording.
    @inline(__always)
    func vectorMapped(_ f: (SIMD8<Float>) -> SIMD8<Float>) -> Tensor {
        let n = count
        let out = scalars.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: n) { dst, initialized in
                if let s = src.baseAddress, let d = dst.baseAddress {
                    VectorMath.map(s, d, count: n, f)
                }
                initialized = n
            }
        }
        return Tensor(unchecked: shape, out)
    }

    /// Combines two tensors of one shape element-wise, without recording.
    @inline(__always)
    static func zipped(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let n = a.count
        let out = a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                [Float](unsafeUninitializedCapacity: n) { dst, initialized in
                    for i in 0..<n { dst[i] = f(pa[i], pb[i]) }
                    initialized = n
                }
            }
        }
        return Tensor(unchecked: a.shape, out)
    }

    /// Combines two tensors of one shape element-wise, eight at a time, without recording.
    @inline(__always)
    static func vectorZipped(
        _ a: Tensor, _ b: Tensor, _ f: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>
    ) -> Tensor {
        let n = a.count
        let out = a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                [Float](unsafeUninitializedCapacity: n) { dst, initialized in
                    if let sa = pa.baseAddress, let sb = pb.baseAddress, let d = dst.baseAddress {
                        VectorMath.zip(sa, sb, d, count: n, f)
                    }
                    initialized = n
                }
            }
        }
        return Tensor(unchecked: a.shape, out)
    }

    /// Combines three tensors of one shape element-wise, without recording.
    @inline(__always)
    static func zipped(
        _ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: (Float, Float, Float) -> Float
    ) -> Tensor {
        let n = a.count
        let out = a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                c.scalars.withUnsafeBufferPointer { pc in
                    [Float](unsafeUninitializedCapacity: n) { dst, initialized in
                        for i in 0..<n { dst[i] = f(pa[i], pb[i], pc[i]) }
                        initialized = n
                    }
                }
            }
        }
        return Tensor(unchecked: a.shape, out)
    }

    /// A recorded element-wise op: `f` gives each output from its input, and `derivative` gives
    /// dy/dx from the input `x` and the output `y` (whichever is cheaper to use).
    @inline(__always)
    func elementWise(
        _ f: (Float) -> Float, derivative: @escaping (_ x: Float, _ y: Float) -> Float
    ) -> Tensor {
        let out = mapped(f)
        let input = self
        return Tensor.record(out, inputs: [self]) { g in
            [Tensor.zipped(g, input, out) { g, x, y in g * derivative(x, y) }]
        }
    }

    /// The logistic function, without overflow for large |x|.
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}

// MARK: - Unary ops

extension Tensor {
    /// e raised to each element.
    public func exp() -> Tensor {
        let out = vectorMapped(VectorMath.exp)
        return Tensor.record(out, inputs: [self]) { g in [Tensor.zipped(g, out, *)] }
    }

    /// The natural logarithm of each element (`-inf` at 0, `nan` below).
    public func log() -> Tensor {
        elementWise(Foundation.log) { x, _ in 1 / x }
    }

    /// The square root of each element.
    public func sqrt() -> Tensor {
        elementWise { $0.squareRoot() } derivative: { _, y in 0.5 / y }
    }

    /// The absolute value of each element (gradient 0 at 0).
    public func abs() -> Tensor {
        elementWise(Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }
    }

    /// The hyperbolic tangent of each element.
    public func tanh() -> Tensor {
        let out = vectorMapped(VectorMath.tanh)
        return Tensor.record(out, inputs: [self]) { g in
            [Tensor.zipped(g, out) { g, y in g * (1 - y * y) }]
        }
    }

    /// The logistic function 1 / (1 + e^-x) of each element, computed without overflow.
    public func sigmoid() -> Tensor {
        let out = vectorMapped(VectorMath.sigmoid)
        return Tensor.record(out, inputs: [self]) { g in
            [Tensor.zipped(g, out) { g, y in g * y * (1 - y) }]
        }
    }

    /// max(x, 0) of each element (gradient 0 at 0; NaN stays NaN).
    public func relu() -> Tensor {
        // Eight lanes at a time both ways; the output says where the input was positive.
        let out = vectorMapped { $0.replacing(with: 0, where: $0 .<= 0) }
        return Tensor.record(out, inputs: [self]) { g in
            [
                Tensor.vectorZipped(g, out) { g, y in
                    g * SIMD8(repeating: 0).replacing(with: 1, where: y .> 0)
                }
            ]
        }
    }

    /// log(1 + e^x) of each element, computed as max(x, 0) + log1p(e^-|x|) so it never overflows.
    public func softplus() -> Tensor {
        elementWise { Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }
            derivative: { x, _ in Tensor.sigmoid(x) }
    }

    /// Each element squared.
    public func square() -> Tensor {
        elementWise { $0 * $0 } derivative: { x, _ in 2 * x }
    }

    /// Each element raised to the power `exponent`.
    public func pow(_ exponent: Float) -> Tensor {
        if exponent == 2 { return square() }
        return elementWise { Foundation.pow($0, exponent) } derivative: { x, _ in
            // d/dx x^0 is 0 everywhere, including at x = 0 where the formula gives 0 * inf.
            exponent == 0 ? 0 : exponent * Foundation.pow(x, exponent - 1)
        }
    }

    /// Each element limited to `min...max` (gradient 1 inside the interval, bounds included,
    /// and 0 outside).
    /// - Throws: ``TensorError`` when `min` is greater than `max`.
    public func clamped(min: Float = -.infinity, max: Float = .infinity) throws -> Tensor {
        guard min <= max else {
            throw TensorError("clamped", "min \(min) is greater than max \(max)")
        }
        return elementWise { Swift.min(Swift.max($0, min), max) } derivative: { x, _ in
            x >= min && x <= max ? 1 : 0
        }
    }

    /// Element-wise power with broadcasting: `self[i] ^ exponent[i]`.
    ///
    /// The gradient with respect to the exponent is `y * log(x)` where `x > 0`, and 0 where
    /// `x <= 0` (where the real logarithm does not exist).
    /// - Throws: ``TensorError`` when the shapes cannot be broadcast.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let base = self
        let out = try Tensor.zipBroadcast(base, exponent, op: "pow", Foundation.pow)
        return Tensor.record(out, inputs: [base, exponent]) { g in
            let dBase = try Tensor.zipBroadcast(base, exponent, op: "pow") { x, p in
                p == 0 ? 0 : p * Foundation.pow(x, p - 1)
            }
            let dExponent = try Tensor.zipBroadcast(out, base, op: "pow") { y, x in
                x > 0 ? y * Foundation.log(x) : 0
            }
            return [
                try (g * dBase).summed(toShape: base.shape),
                try (g * dExponent).summed(toShape: exponent.shape),
            ]
        }
    }
}

// MARK: - Scalar operators

extension Tensor {
    /// Adds a scalar to every element.
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    /// Subtracts a scalar from every element.
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }

    /// A scalar minus each element.
    public static func - (s: Float, a: Tensor) -> Tensor {
        a.elementWise { s - $0 } derivative: { _, _ in -1 }
    }

    /// Multiplies every element by a scalar.
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    /// Divides every element by a scalar.
    public static func / (a: Tensor, s: Float) -> Tensor {
        a.elementWise { $0 / s } derivative: { _, _ in 1 / s }
    }

    /// A scalar divided by each element.
    public static func / (s: Float, a: Tensor) -> Tensor {
        a.elementWise { s / $0 } derivative: { x, y in -y / x }
    }

    /// Element-wise negation.
    public static prefix func - (a: Tensor) -> Tensor { a.negated() }
}

// MARK: - Free functions

/// e raised to each element of `x`.
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// The natural logarithm of each element of `x`.
public func log(_ x: Tensor) -> Tensor { x.log() }
/// The square root of each element of `x`.
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
/// The absolute value of each element of `x`.
public func abs(_ x: Tensor) -> Tensor { x.abs() }
/// The hyperbolic tangent of each element of `x`.
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
/// The logistic function of each element of `x`.
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
/// max(x, 0) of each element of `x`.
public func relu(_ x: Tensor) -> Tensor { x.relu() }
/// log(1 + e^x) of each element of `x`, computed stably.
public func softplus(_ x: Tensor) -> Tensor { x.softplus() }
/// Each element of `x` squared.
public func square(_ x: Tensor) -> Tensor { x.square() }
/// Each element of `x` raised to `exponent`.
public func pow(_ x: Tensor, _ exponent: Float) -> Tensor { x.pow(exponent) }
/// Element-wise power with broadcasting.
/// - Throws: ``TensorError`` when the shapes cannot be broadcast.
public func pow(_ x: Tensor, _ exponent: Tensor) throws -> Tensor { try x.pow(exponent) }
