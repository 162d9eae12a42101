import Foundation
import Tensors

/// A per-sample change of the inputs, applied by ``Dataset/transformed(_:seed:)``.
///
/// Spatial transforms need image samples (`C×H×W`); ``invert``, ``noise(sigma:)`` and
/// ``normalise(mean:std:)`` work on any sample shape. Random transforms (``noise(sigma:)``,
/// random ``crop(height:width:random:)``, ``affine(rotation:scale:translation:shear:fill:)``)
/// draw each image's parameters from a generator seeded by the dataset seed and the image
/// index, so the result is the same on every run and thread count.
///
/// ```swift
/// let rotated = try digits.transformed(.rotate(degrees: 90), seed: 0)
/// let jittered = try digits.transformed(.affine(rotation: 15, scale: 0.1, translation: 0.1, shear: 10), seed: 3)
/// ```
public enum Transform: Equatable, Sendable, CustomStringConvertible {
    /// The direction of a mirror image.
    public enum Axis: String, Equatable, Sendable {
        /// Left and right swap.
        case horizontal
        /// Top and bottom swap.
        case vertical
    }

    /// Adds `amount` pixels (0...1024) of `value` on every side: `H×W` becomes
    /// `(H+2·amount)×(W+2·amount)`.
    case pad(Int, value: Float = 0)
    /// Keeps a `height×width` window: centred, or at a random place per image.
    case crop(height: Int, width: Int, random: Bool = false)
    /// Rotates counter-clockwise (as seen) by `degrees` about the centre, bilinear; corners
    /// that come from outside take `fill`.
    case rotate(degrees: Float, fill: Float = 0)
    /// Mirrors each image.
    case flip(Axis)
    /// `1 - x`: dark strokes on light ground for data in [0, 1].
    case invert
    /// A Gaussian blur with standard deviation `sigma` pixels, at most 100 (edges repeated; 0
    /// changes nothing).
    case blur(sigma: Float)
    /// Adds Gaussian noise with standard deviation `sigma`, then clamps to [0, 1].
    case noise(sigma: Float)
    /// `(x - mean[c]) / std[c]` per channel `c` (the first axis of a sample: image channels,
    /// or the features of `N×D` data); one value each applies to all.
    case normalise(mean: [Float], std: [Float])
    /// A random affine jitter per image: a rotation in ±`rotation` degrees, a scale in
    /// 1 ± `scale`, a shift in ±`translation` of the image size on each axis and a shear in
    /// ±`shear` degrees, about the centre, bilinear; uncovered pixels take `fill`.
    case affine(rotation: Float, scale: Float, translation: Float, shear: Float, fill: Float = 0)
    /// Resizes every image to `height×width` (bilinear, PyTorch's `align_corners=False`), e.g.
    /// the 8×8 digits to 28×28 so that 28×28 source models can read them.
    case resize(height: Int, width: Int)

    /// How the transform reads in provenance and messages, e.g. `rotate(90.0°, fill: 0.0)`.
    public var description: String {
        switch self {
        case .pad(let amount, let value): "pad(\(amount), value: \(value))"
        case .crop(let height, let width, let random): "crop(\(height)×\(width)\(random ? ", random" : ""))"
        case .rotate(let degrees, let fill): "rotate(\(degrees)°, fill: \(fill))"
        case .flip(let axis): "flip(\(axis.rawValue))"
        case .invert: "invert"
        case .blur(let sigma): "blur(sigma: \(sigma))"
        case .noise(let sigma): "noise(sigma: \(sigma))"
        case .normalise(let mean, let std): "normalise(mean: \(mean), std: \(std))"
        case .resize(let height, let width): "resize(\(height)×\(width))"
        case .affine(let rotation, let scale, let translation, let shear, let fill):
            "affine(rotation: \(rotation), scale: \(scale), translation: \(translation), shear: \(shear), fill: \(fill))"
        }
    }

    /// The shape of a transformed sample.
    /// - Throws: ``DatasetError`` when the parameters are invalid or the sample shape does not
    ///   suit the transform.
    func outputShape(for shape: [Int]) throws -> [Int] {
        func fail(_ message: String) -> DatasetError { DatasetError("transform \(self)", message) }
        func image() throws -> (channels: Int, height: Int, width: Int) {
            guard shape.count == 3 else {
                throw fail("expects images N×C×H×W, got samples of shape \(shape)")
            }
            return (shape[0], shape[1], shape[2])
        }
        func check(_ values: [Float], _ what: String) throws {
            guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw fail("\(what) must be finite and non-negative")
            }
        }
        switch self {
        case .pad(let amount, let value):
            let (channels, height, width) = try image()
            guard (0...1024).contains(amount), value.isFinite else {
                throw fail("expected an amount in 0...1024 and a finite value")
            }
            return [channels, height + 2 * amount, width + 2 * amount]
        case .crop(let outHeight, let outWidth, _):
            let (channels, height, width) = try image()
            guard (1...max(height, 1)).contains(outHeight), (1...max(width, 1)).contains(outWidth) else {
                throw fail("window \(outHeight)×\(outWidth) does not fit in images \(height)×\(width)")
            }
            return [channels, outHeight, outWidth]
        case .resize(let outHeight, let outWidth):
            let (channels, _, _) = try image()
            guard (1...1024).contains(outHeight), (1...1024).contains(outWidth) else {
                throw fail("expected a size in 1...1024 on each side")
            }
            return [channels, outHeight, outWidth]
        case .rotate(let degrees, let fill):
            guard degrees.isFinite, fill.isFinite else { throw fail("degrees and fill must be finite") }
            _ = try image()
        case .flip:
            _ = try image()
        case .invert:
            break
        case .blur(let sigma):
            try check([sigma], "sigma")
            guard sigma <= 100 else { throw fail("sigma must be at most 100 pixels") }
            _ = try image()
        case .noise(let sigma):
            try check([sigma], "sigma")
        case .normalise(let mean, let std):
            let channels = shape.first ?? 1
            guard mean.count == std.count, mean.count == 1 || mean.count == channels else {
                throw fail(
                    "got \(mean.count) means and \(std.count) stds for \(channels) channels "
                        + "(expected 1 or \(channels) of each)")
            }
            guard mean.allSatisfy(\.isFinite), std.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw fail("means must be finite and stds finite and positive")
            }
        case .affine(let rotation, let scale, let translation, let shear, let fill):
            try check([rotation, scale, translation, shear], "rotation, scale, translation and shear")
            guard scale < 1, fill.isFinite else { throw fail("scale must be below 1 and fill finite") }
            _ = try image()
        }
        return shape
    }

    /// Transforms one sample of shape `shape` from `input` into `output` (shaped by
    /// ``outputShape(for:)``, which has validated the parameters).
    func apply(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
        shape: [Int], rng: inout Random
    ) {
        // Non-image samples reach only the element-wise cases below.
        let (channels, height, width) = shape.count == 3 ? (shape[0], shape[1], shape[2]) : (1, 1, input.count)
        switch self {
        case .pad(let amount, let value):
            ImageKernels.pad(input, output, channels: channels, height: height, width: width, amount: amount, value: value)
        case .crop(let outHeight, let outWidth, let random):
            let top = random ? rng.nextInt(below: height - outHeight + 1) : (height - outHeight) / 2
            let left = random ? rng.nextInt(below: width - outWidth + 1) : (width - outWidth) / 2
            ImageKernels.crop(
                input, output, channels: channels, height: height, width: width,
                top: top, left: left, outHeight: outHeight, outWidth: outWidth)
        case .rotate(let degrees, let fill):
            ImageKernels.warp(
                input, output, channels: channels, height: height, width: width,
                map: .rotation(degrees: degrees), fill: fill)
        case .flip(let axis):
            ImageKernels.flip(input, output, channels: channels, height: height, width: width, horizontal: axis == .horizontal)
        case .invert:
            for i in input.indices { output[i] = 1 - input[i] }
        case .blur(let sigma):
            if sigma > 0 {
                ImageKernels.blur(input, output, channels: channels, height: height, width: width, sigma: sigma)
            } else {
                _ = output.initialize(from: input)
            }
        case .noise(let sigma):
            _ = output.initialize(from: input)
            ImageKernels.addNoise(output, sigma: sigma, rng: &rng)
        case .normalise(let mean, let std):
            let perChannel = input.count / max(shape.first ?? 1, 1)
            for i in input.indices {
                let channel = mean.count == 1 ? 0 : i / perChannel
                output[i] = (input[i] - mean[channel]) / std[channel]
            }
        case .resize:
            // Applied to the whole batch at once by `transformed(_:seed:)`.
            break
        case .affine(let rotation, let scale, let translation, let shear, let fill):
            func uniform(_ range: Float) -> Float { range * (2 * rng.nextFloat() - 1) }
            let angle = uniform(rotation)
            let factor = 1 + uniform(scale)
            let dx = uniform(translation) * Float(width)
            let dy = uniform(translation) * Float(height)
            let slant = uniform(shear)
            let map = AffineMap.translation(dx, dy)
                .after(.rotation(degrees: angle))
                .after(.shear(degrees: slant))
                .after(.scale(factor, factor))
            ImageKernels.warp(input, output, channels: channels, height: height, width: width, map: map, fill: fill)
        }
    }
}

extension Dataset {
    /// Every sample transformed by `transform`; random transforms are fixed by `seed`
    /// (deterministic ones ignore it).
    ///
    /// - Throws: ``DatasetError`` when the parameters are invalid or the samples are not images
    ///   and the transform needs them.
    public func transformed(_ transform: Transform, seed: UInt64 = 0) throws -> Dataset {
        let shape = inputShape
        let outShape = try transform.outputShape(for: shape)
        if case .resize(let height, let width) = transform {
            return Dataset(
                unchecked: name, provenance: appending("transformed(\(transform))"),
                inputs: try resizedBilinear(inputs, height: height, width: width),
                labels: labels, classNames: classNames)
        }
        let inSize = shape.product
        let source = inputs.scalars
        let scalars = ImageLoop.render(count: count, size: outShape.product, seed: seed) { index, rng, output in
            source.withUnsafeBufferPointer { all in
                let input = UnsafeBufferPointer(rebasing: all[(index * inSize)..<((index + 1) * inSize)])
                transform.apply(input, output, shape: shape, rng: &rng)
            }
        }
        return Dataset(
            unchecked: name, provenance: appending("transformed(\(transform), seed: \(seed))"),
            inputs: try Tensor(shape: [count] + outShape, scalars: scalars),
            labels: labels, classNames: classNames)
    }

    /// The samples transformed by each of `transforms` in turn; step `i` uses a seed derived
    /// from `seed` and `i`.
    public func transformed(_ transforms: [Transform], seed: UInt64 = 0) throws -> Dataset {
        var result = self
        for (step, transform) in transforms.enumerated() {
            result = try result.transformed(transform, seed: ImageLoop.seed(seed, index: step))
        }
        return result
    }
}
