import Foundation
import Tensors

/// Synthetic geometric shapes, one per image: 12 classes, 1 channel, white on black, values
/// in [0, 1].
///
/// Each image places its shape at a random size (about 55–80% of the image), position (always
/// fully inside), small rotation (±15°, so a square never turns into a diamond) and aspect,
/// filled or drawn as an outline.
///
/// ```swift
/// let shapes = try Shapes.make(count: 1200, seed: 3, style: .outlined)
/// ```
public enum Shapes {
    /// Whether shapes are solid or outlines.
    public enum Style: String, Sendable, CaseIterable {
        /// Each image picks filled or outlined at random.
        case mixed
        /// Solid shapes (a ring is a thick annulus).
        case filled
        /// Outlines only (a ring is two concentric circles).
        case outlined
    }

    /// The class names, in label order.
    public static let classNames = outlines.map(\.name)

    /// Each class's outline: closed polygons in a box from -1 to 1 (y down), even-odd filled.
    static let outlines: [(name: String, polygons: [[SIMD2<Float>]])] = [
        ("circle", [regular(40, radius: 1)]),
        ("square", [points((-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8))]),
        ("triangle", [regular(3, radius: 1.05, startDegrees: -90).map { $0 + SIMD2(0, 0.22) }]),
        (
            "cross",
            [
                points(
                    (-0.3, -1), (0.3, -1), (0.3, -0.3), (1, -0.3), (1, 0.3), (0.3, 0.3),
                    (0.3, 1), (-0.3, 1), (-0.3, 0.3), (-1, 0.3), (-1, -0.3), (-0.3, -0.3))
            ]
        ),
        ("star", [star(points: 5, outer: 1, inner: 0.42)]),
        ("ring", [regular(40, radius: 1), regular(40, radius: 0.55)]),
        ("diamond", [points((0, -1), (0.68, 0), (0, 1), (-0.68, 0))]),
        ("hexagon", [regular(6, radius: 1)]),
        ("arrow", [points((-1, -0.22), (0.1, -0.22), (0.1, -0.62), (1, 0), (0.1, 0.62), (0.1, 0.22), (-1, 0.22))]),
        ("heart", [heart()]),
        ("crescent", [crescent()]),
        ("semicircle", [arc(radius: 1, from: 180, to: 360).map { $0 + SIMD2(0, 0.42) }]),
    ]

    /// Renders `count` shape images, spread evenly over the 12 classes in a seeded order.
    ///
    /// - Parameters:
    ///   - count: the number of images.
    ///   - seed: fixes every image and the label order; image `i` depends only on the seed
    ///     and `i`, so a larger set extends a smaller one made with the same seed.
    ///   - size: the image side in pixels (8...1024).
    ///   - style: filled, outlined, or a random mix.
    ///   - thickness: outline width relative to the default (about 2.2 px at size 28), in 0.1...5.
    ///   - jitter: how much size, position, rotation, aspect and brightness vary, in 0...3
    ///     (0: every shape of a class is the same, centred).
    ///   - noise: the standard deviation of Gaussian pixel noise added at the end, in 0...1.
    /// - Throws: ``DatasetError`` for a negative count, or a size or option out of range.
    public static func make(
        count: Int, seed: UInt64, size: Int = 28, style: Style = .mixed,
        thickness: Float = 1, jitter: Float = 1, noise: Float = 0
    ) throws -> Dataset {
        try Synthesis.check(
            "shapes", count: count, size: size,
            options: ["thickness": (thickness, 0.1...5), "jitter": (jitter, 0...3), "noise": (noise, 0...1)])
        let side = Float(size)
        return try Synthesis.dataset(
            name: "shapes",
            provenance: "shapes(count: \(count), seed: \(seed), size: \(size), style: \(style.rawValue), "
                + "thickness: \(thickness), jitter: \(jitter), noise: \(noise))",
            classNames: classNames, count: count, size: size, seed: seed, noise: noise
        ) { label, rng, pixels in
            let filled =
                switch style {
                case .mixed: rng.nextFloat() < 0.5
                case .filled: true
                case .outlined: false
                }
            // Half the extent, in pixels, kept inside the image whatever the jitter.
            let radius = min(side * (0.34 + Synthesis.jitter(0.06 * jitter, &rng)), side * 0.46)
            let aspect = 1 + Synthesis.jitter(0.1 * jitter, &rng)
            let room = max(side / 2 - radius * max(aspect, 1) - 1, 0)
            let place = AffineMap.translation(
                side / 2 + Synthesis.jitter(min(jitter, 1), &rng) * room,
                side / 2 + Synthesis.jitter(min(jitter, 1), &rng) * room)
                .after(.rotation(degrees: Synthesis.jitter(15 * min(jitter, 1), &rng)))
                .after(.scale(radius * aspect, radius))
            let halfWidth = thickness * side / 28 * 1.1 * (1 + Synthesis.jitter(0.2 * jitter, &rng))
            let brightness = 1 - 0.1 * jitter * rng.nextFloat()
            let polygons = outlines[label].polygons.map { $0.map(place.apply) }
            var raster = Raster(width: size, height: size)
            for polygon in polygons {
                raster.stamp(polygon: polygon, reach: filled ? 1.5 : halfWidth + 1)
            }
            if filled {
                raster.fill(polygons, intensity: brightness, into: pixels)
            } else {
                raster.stroke(halfWidth: halfWidth, intensity: brightness, into: pixels)
            }
        }
    }

    private static func points(_ list: (Float, Float)...) -> [SIMD2<Float>] {
        list.map { SIMD2($0.0, $0.1) }
    }

    /// Points on a circle from one angle to another (degrees, clockwise as seen), both included.
    private static func arc(radius: Float, from start: Float, to end: Float, steps: Int = 24) -> [SIMD2<Float>] {
        (0...steps).map { step in
            let angle = (start + (end - start) * Float(step) / Float(steps)) * .pi / 180
            return SIMD2(radius * cos(angle), radius * sin(angle))
        }
    }

    /// A regular polygon with `sides` corners, the first at `startDegrees`.
    private static func regular(_ sides: Int, radius: Float, startDegrees: Float = 0) -> [SIMD2<Float>] {
        Array(arc(radius: radius, from: startDegrees, to: startDegrees + 360, steps: sides).dropLast())
    }

    /// A star with `points` tips pointing up first, alternating outer and inner radii.
    private static func star(points: Int, outer: Float, inner: Float) -> [SIMD2<Float>] {
        let outerTips = regular(points, radius: outer, startDegrees: -90)
        let innerTips = regular(points, radius: inner, startDegrees: -90 + 180 / Float(points))
        return zip(outerTips, innerTips).flatMap { [$0, $1] }
    }

    /// The classic heart curve, scaled to the unit box (point down).
    private static func heart() -> [SIMD2<Float>] {
        (0..<48).map { step in
            let t = Float(step) / 48 * 2 * .pi
            let x = 16 * pow(sin(t), 3)
            let y = 13 * cos(t) - 5 * cos(2 * t) - 2 * cos(3 * t) - cos(4 * t)
            return SIMD2(x / 16.5, -(y + 2.5) / 15)
        }
    }

    /// A crescent opening to the right: the unit disc minus a disc of radius 0.85 centred at
    /// (0.5, 0); the outer arc goes round the left, the inner arc comes back.
    private static func crescent() -> [SIMD2<Float>] {
        let (offset, innerRadius): (Float, Float) = (0.5, 0.85)
        // Where the circles cross: x from subtracting the two circle equations.
        let x = (1 - innerRadius * innerRadius + offset * offset) / (2 * offset)
        let y = (1 - x * x).squareRoot()
        let outerAngle = atan2(y, x) * 180 / .pi
        let innerAngle = atan2(y, x - offset) * 180 / .pi
        let outer = arc(radius: 1, from: outerAngle, to: 360 - outerAngle)
        let inner = arc(radius: innerRadius, from: 360 - innerAngle, to: innerAngle).map { $0 + SIMD2(offset, 0) }
        return outer + inner.dropFirst().dropLast()
    }
}
