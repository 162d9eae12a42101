import Figures
import Tensors

/// Reprogrammed inputs (as the source model sees them, C×H×W in [0, 1]) with their predicted
/// and true target classes; from ``ReprogramResult/samples(_:count:)``.
///
/// ```swift
/// try rp.samples(task.test, count: 25).png(path: "figures/samples.png")
/// ```
public struct ReprogramSamples {
    public let images: [Tensor]
    public let predicted: [String]
    public let truth: [String]

    /// Draws the images in a grid, each captioned with its prediction, and the true class in
    /// brackets when the prediction is wrong (PNG or SVG, by extension).
    /// - Throws: ``ReprogrammingError`` when there are no images; figure errors.
    public func png(path: String, columns: Int? = nil) throws {
        guard let first = images.first else {
            throw ReprogrammingError("samples: no images to draw (the data is empty)")
        }
        let (channels, height, width) = (first.shape[0], first.shape[1], first.shape[2])
        let pictures = try images.map { image in
            // Channel-last, as figures take colour images.
            let pixels = channels == 1 ? image.scalars : try image.permuted([1, 2, 0]).scalars
            return try FigureImage(pixels: pixels, height: height, width: width, channels: channels, caller: "samples")
        }
        let captions = zip(predicted, truth).map { $0 == $1 ? $0 : "\($0) [\($1)]" }
        // Sized to the grid (the panel's default columns: ⌈√n⌉), so it is not lost in white space.
        let columns = min(images.count, columns ?? Int(Double(images.count).squareRoot().rounded(.up)))
        let rows = (images.count + columns - 1) / columns
        let figure = try Figure(width: Double(max(columns, 3)) * 110 + 60, height: Double(rows) * 115 + 70)
        let panel = try figure.panel()
        panel.title = "predicted [true class when wrong]"
        try panel.images(pictures, captions: captions, columns: columns, range: 0...1)
        try figure.save(path)
    }
}
