import Learning
import Tensors

/// The trained end of a recycled model: optional learnable softmax weights over the models'
/// blocks of standardised features, then a linear layer to the target classes.
///
/// With mixing, block i is multiplied by M · softmax(w)ᵢ (M models, w starting at 0, so every
/// block starts at scale 1).
final class FeatureHead: Layer {
    /// The width of each model's block of features.
    let widths: [Int]
    /// The mixing logits w (one per model), when mixing.
    let mixing: Parameter?
    let linear: Linear
    /// M × Σwidths: row i is 1 over block i, so softmax(w) · blocks scales every column.
    private let blocks: Tensor

    init(widths: [Int], classes: Int, mixing: Bool, rng: inout Random) throws {
        self.widths = widths
        let total = widths.reduce(0, +)
        linear = Linear(total, classes, rng: &rng)
        self.mixing = mixing ? Parameter(try Tensor.zeros([widths.count])) : nil
        var indicator = [Float](repeating: 0, count: widths.count * total)
        var column = 0
        for (i, width) in widths.enumerated() {
            for j in column..<(column + width) { indicator[i * total + j] = 1 }
            column += width
        }
        blocks = try Tensor(shape: [widths.count, total], scalars: indicator)
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard let mixing else { return try linear(input) }
        let weights = try mixing.tensor.softmax(axis: 0).reshaped([1, widths.count])
        let scale = try matmul(weights, blocks) * Float(widths.count)
        return try linear(try input * scale)
    }

    /// softmax(w): each model's share of the mix, when mixing.
    var mixingWeights: [Double]? {
        guard let mixing, let weights = try? mixing.value.softmax(axis: 0) else { return nil }
        return weights.scalars.map { Double($0) }
    }

    var namedParameters: [(name: String, parameter: Parameter)] {
        (mixing.map { [("mixing", $0)] } ?? []) + linear.namedParameters.map { ("linear.\($0.name)", $0.parameter) }
    }

    var spec: String { (mixing == nil ? "" : "mix(\(widths.count)) ") + linear.spec }
}
