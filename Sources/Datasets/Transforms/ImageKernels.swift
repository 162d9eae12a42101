import Foundation
import Tensors

/// The per-image work behind ``Transform``, on raw `C×H×W` buffers.
enum ImageKernels {
    typealias Input = UnsafeBufferPointer<Float>
    typealias Output = UnsafeMutableBufferPointer<Float>

    /// Surrounds each channel with `amount` pixels of `value` on every side.
    static func pad(_ input: Input, _ output: Output, channels: Int, height: Int, width: Int, amount: Int, value: Float) {
        let outWidth = width + 2 * amount
        let outPlane = outWidth * (height + 2 * amount)
        for i in output.indices { output[i] = value }
        for ch in 0..<channels {
            for y in 0..<height {
                for x in 0..<width {
                    output[ch * outPlane + (y + amount) * outWidth + x + amount] =
                        input[(ch * height + y) * width + x]
                }
            }
        }
    }

    /// Copies the `outHeight×outWidth` window whose top-left corner is (`top`, `left`).
    static func crop(
        _ input: Input, _ output: Output, channels: Int, height: Int, width: Int,
        top: Int, left: Int, outHeight: Int, outWidth: Int
    ) {
        for ch in 0..<channels {
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    output[(ch * outHeight + y) * outWidth + x] =
                        input[(ch * height + y + top) * width + x + left]
                }
            }
        }
    }

    /// Mirrors left-right (`horizontal`) or top-bottom.
    static func flip(_ input: Input, _ output: Output, channels: Int, height: Int, width: Int, horizontal: Bool) {
        for ch in 0..<channels {
            for y in 0..<height {
                for x in 0..<width {
                    let (sy, sx) = horizontal ? (y, width - 1 - x) : (height - 1 - y, x)
                    output[(ch * height + y) * width + x] = input[(ch * height + sy) * width + sx]
                }
            }
        }
    }

    /// Moves the image by `map` (pixel coordinates relative to the image centre), sampling the
    /// input bilinearly; pixels that come from outside the image take `fill`.
    static func warp(
        _ input: Input, _ output: Output, channels: Int, height: Int, width: Int,
        map: AffineMap, fill: Float
    ) {
        let cx = Float(width - 1) / 2
        let cy = Float(height - 1) / 2
        guard let back = map.inverse else {
            for i in output.indices { output[i] = fill }
            return
        }
        for y in 0..<height {
            for x in 0..<width {
                let source = back.apply(SIMD2(Float(x) - cx, Float(y) - cy))
                let sx = source.x + cx
                let sy = source.y + cy
                // Far outside (or not a number, for extreme maps): only fill, and no Int overflow.
                guard sx > -2, sx < Float(width) + 1, sy > -2, sy < Float(height) + 1 else {
                    for ch in 0..<channels { output[(ch * height + y) * width + x] = fill }
                    continue
                }
                let x0 = Int(sx.rounded(.down))
                let y0 = Int(sy.rounded(.down))
                let fx = sx - Float(x0)
                let fy = sy - Float(y0)
                for ch in 0..<channels {
                    let plane = ch * height * width
                    func at(_ px: Int, _ py: Int) -> Float {
                        px >= 0 && px < width && py >= 0 && py < height ? input[plane + py * width + px] : fill
                    }
                    let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
                    let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
                    output[plane + y * width + x] = top * (1 - fy) + bottom * fy
                }
            }
        }
    }

    /// A Gaussian blur of standard deviation `sigma` pixels, separable, with edge pixels
    /// repeated beyond the border.
    static func blur(_ input: Input, _ output: Output, channels: Int, height: Int, width: Int, sigma: Float) {
        let radius = Int((3 * sigma).rounded(.up))
        var kernel = (-radius...radius).map { exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        var rows = [Float](repeating: 0, count: height * width)
        for ch in 0..<channels {
            let plane = ch * height * width
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for k in -radius...radius {
                        sum += kernel[k + radius] * input[plane + y * width + min(max(x + k, 0), width - 1)]
                    }
                    rows[y * width + x] = sum
                }
            }
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for k in -radius...radius {
                        sum += kernel[k + radius] * rows[min(max(y + k, 0), height - 1) * width + x]
                    }
                    output[plane + y * width + x] = sum
                }
            }
        }
    }

    /// Adds Gaussian noise of standard deviation `sigma`, then clamps to [0, 1].
    static func addNoise(_ pixels: Output, sigma: Float, rng: inout Random) {
        for i in pixels.indices {
            pixels[i] = min(max(pixels[i] + sigma * rng.nextNormal(), 0), 1)
        }
    }
}
