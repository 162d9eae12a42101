import Foundation
import Tensors

/// Synthetic textures that fill the whole image: 12 classes, 1 channel, values in [0, 1].
///
/// Stripes (horizontal, vertical, diagonal, and fine horizontal ones at about twice the
/// frequency), checkerboards, dots, a thin grid, smooth blobs, concentric rings, waves, a
/// sunburst and speckle. Each image draws its own phase, a frequency within ±15%, an orientation
/// within ±8° and a contrast, so no two images of a class are the same.
///
/// ```swift
/// let textures = try Textures.make(count: 1200, seed: 5)
/// ```
public enum Textures {
    /// The class names, in label order.
    public static let classNames = [
        "h-stripes", "v-stripes", "diagonal", "fine-stripes", "checker", "dots",
        "grid", "blobs", "rings", "waves", "sunburst", "speckle",
    ]

    /// Renders `count` texture images, spread evenly over the 12 classes in a seeded order.
    ///
    /// - Parameters:
    ///   - count: the number of images.
    ///   - seed: fixes every image and the label order; image `i` depends only on the seed
    ///     and `i`, so a larger set extends a smaller one made with the same seed.
    ///   - size: the image side in pixels (8...1024); frequencies are per image, so a texture
    ///     looks the same at every size.
    ///   - jitter: how much frequency, orientation and contrast vary, in 0...3 (the phase is
    ///     always random).
    ///   - noise: the standard deviation of Gaussian pixel noise added at the end, in 0...1.
    /// - Throws: ``DatasetError`` for a negative count, or a size or option out of range.
    public static func make(count: Int, seed: UInt64, size: Int = 28, jitter: Float = 1, noise: Float = 0) throws -> Dataset {
        try Synthesis.check(
            "textures", count: count, size: size, options: ["jitter": (jitter, 0...3), "noise": (noise, 0...1)])
        return try Synthesis.dataset(
            name: "textures",
            provenance: "textures(count: \(count), seed: \(seed), size: \(size), jitter: \(jitter), noise: \(noise))",
            classNames: classNames, count: count, size: size, seed: seed, noise: noise
        ) { label, rng, pixels in
            paint(label, size: size, jitter: jitter, rng: &rng, into: pixels)
        }
    }

    /// Paints one texture of class `label`.
    private static func paint(
        _ label: Int, size: Int, jitter: Float, rng: inout Random, into pixels: UnsafeMutableBufferPointer<Float>
    ) {
        let side = Float(size)
        let twoPi = 2 * Float.pi
        let phase = twoPi * rng.nextFloat()
        let angle = Synthesis.jitter(8 * jitter, &rng) * .pi / 180
        let (sinA, cosA) = (sin(angle), cos(angle))
        let contrast = 1 - 0.25 * min(jitter, 1) * rng.nextFloat()
        func frequency(_ base: Float) -> Float { base * (1 + Synthesis.jitter(0.15 * min(jitter, 2), &rng)) }
        func centre() -> SIMD2<Float> { SIMD2(Synthesis.jitter(0.15, &rng), Synthesis.jitter(0.15, &rng)) }
        /// `1/2 + 1/2·sin`, the shape of every smooth pattern.
        func wave(_ t: Float) -> Float { 0.5 + 0.5 * sin(t) }

        // Each pattern maps a point (u, v) of the image, rotated, centred, in image widths, to
        // a brightness in [0, 1].
        let pattern: (Float, Float) -> Float
        switch label {
        case 0:
            let f = frequency(3.5)
            pattern = { _, v in wave(twoPi * f * v + phase) }
        case 1:
            let f = frequency(3.5)
            pattern = { u, _ in wave(twoPi * f * u + phase) }
        case 2:
            // Varying along (1, -1)/√2, so the stripes run from top-left to bottom-right.
            let f = frequency(3.5) * Float(0.5).squareRoot()
            pattern = { u, v in wave(twoPi * f * (u - v) + phase) }
        case 3:
            let f = frequency(8)
            pattern = { _, v in wave(twoPi * f * v + phase) }
        case 4:
            let f = frequency(2)
            let shift = rng.nextFloat()
            pattern = { u, v in
                // A product of two sines, steepened so the squares have crisp edges.
                let product: Float = sin(twoPi * f * (u + shift)) * sin(twoPi * f * v + phase)
                return min(max(0.5 + 4 * product, 0), 1)
            }
        case 5:
            let f = frequency(4)
            let (shiftU, shiftV) = (rng.nextFloat(), rng.nextFloat())
            let radius = 0.28 * side / f
            pattern = { u, v in
                let du = (f * u + shiftU).remainder(dividingBy: 1) / f * side
                let dv = (f * v + shiftV).remainder(dividingBy: 1) / f * side
                return min(max(radius + 0.5 - (du * du + dv * dv).squareRoot(), 0), 1)
            }
        case 6:
            let f = frequency(4)
            let (shiftU, shiftV) = (rng.nextFloat(), rng.nextFloat())
            let halfWidth = 0.8 * side / 28
            pattern = { u, v in
                let du = abs((f * u + shiftU).remainder(dividingBy: 1)) / f * side
                let dv = abs((f * v + shiftV).remainder(dividingBy: 1)) / f * side
                return min(max(halfWidth + 0.5 - min(du, dv), 0), 1)
            }
        case 7:
            let terms = (0..<4).map { _ in
                let direction = twoPi * rng.nextFloat()
                let f = 1 + 1.2 * rng.nextFloat()
                return (f * cos(direction), f * sin(direction), twoPi * rng.nextFloat())
            }
            pattern = { u, v in
                let field = terms.reduce(0) { $0 + cos(twoPi * ($1.0 * u + $1.1 * v) + $1.2) }
                return 1 / (1 + exp(-3 * field))
            }
        case 8:
            let f = frequency(4)
            let c = centre()
            pattern = { u, v in wave(twoPi * f * ((u - c.x) * (u - c.x) + (v - c.y) * (v - c.y)).squareRoot() + phase) }
        case 9:
            let (f, g) = (frequency(3.5), frequency(1.5))
            let bend = twoPi * rng.nextFloat()
            pattern = { u, v in wave(twoPi * f * v + 2.2 * sin(twoPi * g * u + bend) + phase) }
        case 10:
            let rays = Float(6 + rng.nextInt(below: 3))
            let c = centre()
            pattern = { u, v in wave(rays * atan2(v - c.y, u - c.x) + phase) }
        default:  // speckle: independent uniform pixels
            for i in pixels.indices { pixels[i] = rng.nextFloat() }
            return
        }
        for y in 0..<size {
            for x in 0..<size {
                let px = (Float(x) + 0.5) / side - 0.5
                let py = (Float(y) + 0.5) / side - 0.5
                let value = pattern(cosA * px + sinA * py, -sinA * px + cosA * py)
                pixels[y * size + x] = 0.5 + contrast * (value - 0.5)
            }
        }
    }
}
