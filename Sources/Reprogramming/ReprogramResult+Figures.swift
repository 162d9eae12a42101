import Datasets
import Figures
import Tensors

/// The figures of a reprogrammed model: training curves, the learned perturbation, and a grid
/// of reprogrammed inputs with their predictions.
extension ReprogramResult {
    /// Draws the training curves (PNG or SVG, by extension): the loss per epoch, and the
    /// training and validation accuracy per epoch, with the queries in the title.
    /// - Throws: ``ReprogrammingError`` when there is no history (no epoch ran); figure errors.
    public func plot(path: String) throws {
        guard !history.isEmpty else {
            throw ReprogrammingError("plot: '\(model.name)' has no training history to draw (no epoch ran)")
        }
        let epochs = history.map { Double($0.epoch) }
        let figure = try Figure(rows: 1, cols: 2)
        figure.title = "\(model.name) to \(classNames.count) classes: \(options.optimizer.rawValue), "
            + "\(transform.style.text), \(mapping.kind.text); \(queries.total) queries"
        let loss = try figure.panel(0, 0)
        try loss.line(x: epochs, y: history.map(\.loss), label: "training loss", marker: .circle)
        loss.xLabel = "epoch"
        loss.yLabel = "loss"
        loss.grid = true
        let accuracy = try figure.panel(0, 1)
        try accuracy.line(x: epochs, y: history.map { 100 * $0.trainAccuracy }, label: "training", marker: .circle)
        let validation = history.compactMap(\.validationAccuracy)
        if validation.count == history.count {
            try accuracy.line(x: epochs, y: validation.map { 100 * $0 }, label: "validation", marker: .square)
        }
        accuracy.xLabel = "epoch"
        accuracy.yLabel = "accuracy %"
        accuracy.grid = true
        try figure.save(path)
    }

    /// Writes the learned perturbation (``perturbation``) as a PNG image, one pixel per value
    /// enlarged `scale` times, through the colour map `cmap` (`rdbu` by default: zero is white)
    /// over a range symmetric around zero. The channels of a colour source stand side by side.
    /// - Throws: figure errors, e.g. for an unknown colour map.
    public func perturbationPNG(path: String, cmap: String = "rdbu", scale: Int = 8) throws {
        let map = try ColorMap.named(cmap)
        let delta = try perturbation
        let (channels, height, width) = (delta.shape[0], delta.shape[1], delta.shape[2])
        // Channels side by side, one transparent (NaN) column between them.
        let wide = channels * width + channels - 1
        var pixels = [Float](repeating: .nan, count: height * wide)
        for c in 0..<channels {
            for i in 0..<height {
                for j in 0..<width { pixels[i * wide + c * (width + 1) + j] = delta.scalars[(c * height + i) * width + j] }
            }
        }
        let largest = Double(delta.scalars.map { abs($0) }.max() ?? 0)
        let limit = largest > 0 ? largest : 1
        try FigureImage(pixels: pixels, height: height, width: wide, caller: "perturbationPNG")
            .savePNG(path, cmap: map, range: -limit...limit, scale: scale)
    }

    /// The first `count` inputs of `data` as the source model sees them, with the predicted and
    /// the true class names; counts `count` evaluation queries.
    public func samples(_ data: Dataset, count: Int = 16) throws -> ReprogramSamples {
        let n = min(max(count, 0), data.count)
        guard n > 0 else { return ReprogramSamples(images: [], predicted: [], truth: []) }
        let inputs = try data.inputs.gathered(indices: Array(0..<n), axis: 0)
        let predicted = try predict(inputs)
        let images = try reprogrammed(inputs)
        let size = images.shape.dropFirst().reduce(1, *)
        return ReprogramSamples(
            images: try (0..<n).map {
                try Tensor(shape: Array(images.shape.dropFirst()), scalars: Array(images.scalars[($0 * size)..<(($0 + 1) * size)]))
            },
            predicted: predicted.map { $0 < classNames.count ? classNames[$0] : String($0) },
            truth: data.labels.prefix(n).map { $0 < data.classNames.count ? data.classNames[$0] : String($0) })
    }
}
