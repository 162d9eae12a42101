import Tensors

/// Synthetic handwriting-like characters: digits 0–9 and capital letters A–Z drawn with the
/// built-in ``StrokeFont``, 1 channel, white strokes on black, values in [0, 1].
///
/// Every image gets its own affine jitter (rotation, scale, aspect, shear, shift), stroke width
/// and ink intensity; all of it is fixed by the seed. Variants for transfer experiments come from
/// the options (`thickness` 0.5 for thin strokes, 2 for bold; `noise`) and from transforms
/// (`.invert`, `.rotate(degrees:)`, `.blur(sigma:)`).
///
/// ```swift
/// let letters = try Glyphs.make(kind: .letters, count: 2600, seed: 7)   // 100 per class
/// ```
public enum Glyphs {
    /// Which characters make the classes.
    public enum Kind: String, Sendable, CaseIterable {
        /// `"0"` ... `"9"`: 10 classes.
        case digits
        /// `"A"` ... `"Z"`: 26 classes.
        case letters
        /// Digits then letters: 36 classes.
        case all

        /// The class names, in label order.
        public var classNames: [String] { glyphs.map { String($0.character) } }

        var glyphs: ArraySlice<(character: Character, strokes: [StrokeFont.Stroke])> {
            switch self {
            case .digits: StrokeFont.glyphs.prefix(10)
            case .letters: StrokeFont.glyphs.dropFirst(10)
            case .all: StrokeFont.glyphs[...]
            }
        }
    }

    /// Renders `count` glyph images, spread evenly over the classes in a seeded order.
    ///
    /// - Parameters:
    ///   - kind: digits, letters or both.
    ///   - count: the number of images.
    ///   - seed: fixes every image and the label order; image `i` depends only on the seed
    ///     and `i`, so a larger set extends a smaller one made with the same seed.
    ///   - size: the image side in pixels (8...1024); glyphs fill about 70% of the height.
    ///   - thickness: stroke width relative to the default (about 2.3 px at size 28), in 0.1...5.
    ///   - jitter: how much the affine pose, stroke width and ink vary, in 0...3 (0: every
    ///     glyph of a class is the same; 1: the default; 2: twice as wild).
    ///   - noise: the standard deviation of Gaussian pixel noise added at the end, in 0...1.
    /// - Throws: ``DatasetError`` for a negative count, or a size or option out of range.
    public static func make(
        kind: Kind = .digits, count: Int, seed: UInt64, size: Int = 28,
        thickness: Float = 1, jitter: Float = 1, noise: Float = 0
    ) throws -> Dataset {
        try Synthesis.check(
            "glyphs", count: count, size: size,
            options: ["thickness": (thickness, 0.1...5), "jitter": (jitter, 0...3), "noise": (noise, 0...1)])
        let strokes = kind.glyphs.map(\.strokes)
        let pixelScale = Float(size) / 28
        return try Synthesis.dataset(
            name: "glyphs-\(kind.rawValue)",
            provenance: "glyphs(kind: \(kind.rawValue), count: \(count), seed: \(seed), size: \(size), "
                + "thickness: \(thickness), jitter: \(jitter), noise: \(noise))",
            classNames: kind.classNames, count: count, size: size, seed: seed, noise: noise
        ) { label, rng, pixels in
            let height = 0.68 * Float(size) * (1 + Synthesis.jitter(0.1 * jitter, &rng))
            let aspect = 1 + Synthesis.jitter(0.12 * jitter, &rng)
            let place = AffineMap.translation(
                Float(size) / 2 + Synthesis.jitter(0.06 * jitter, &rng) * Float(size),
                Float(size) / 2 + Synthesis.jitter(0.06 * jitter, &rng) * Float(size))
                .after(.rotation(degrees: Synthesis.jitter(12 * jitter, &rng)))
                .after(.shear(degrees: Synthesis.jitter(12 * jitter, &rng)))
                .after(.scale(height * aspect, height))
                .after(.translation(-0.5, -0.5))
            let halfWidth = thickness * pixelScale * 1.15 * (1 + Synthesis.jitter(0.3 * jitter, &rng))
            let ink = 1 - 0.15 * jitter * rng.nextFloat()
            var raster = Raster(width: size, height: size)
            for stroke in strokes[label] {
                raster.stamp(polyline: stroke.map(place.apply), reach: halfWidth + 1)
            }
            raster.stroke(halfWidth: halfWidth, intensity: ink, into: pixels)
        }
    }
}
