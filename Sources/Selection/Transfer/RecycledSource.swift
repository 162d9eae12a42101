import Learning
import ModelHub
import Tensors

/// One source model inside a recycled model: how its outputs on target inputs are read, and
/// the fixed standardisation (from the training data) applied before the head.
final class RecycledSource {
    /// How the source is read.
    enum Reader {
        /// Penultimate features of a white-box model, frozen (read without gradients).
        case frozen(Model)
        /// Features through `body`, trainable feature layers built from a copy of the model.
        case adapted(Model, body: Sequential)
        /// Output probabilities of any model, through counted queries.
        case probabilities(SourceModel)
    }

    let source: SourceModel
    let reader: Reader
    /// Per-column mean and standard deviation of the training outputs (1 × width).
    private(set) var mean: Tensor
    private(set) var std: Tensor

    init(_ source: SourceModel, reader: Reader) throws {
        self.source = source
        self.reader = reader
        mean = try Tensor.zeros([1, 1])
        std = try Tensor.ones([1, 1])
    }

    /// The number of columns the source gives the head.
    var width: Int { mean.shape[1] }

    /// The adapted layers, when the source has them.
    var body: Sequential? {
        if case .adapted(_, let body) = reader { return body }
        return nil
    }

    /// The source's raw outputs (N × width) on target inputs; black-box reads count as queries
    /// for `purpose`.
    func read(_ inputs: Tensor, purpose: QueryPurpose) throws -> Tensor {
        let out: Tensor
        switch reader {
        case .frozen: out = try source.targetFeatures(inputs)
        case .adapted(let model, let body): out = try readAdapted(model, body, inputs)
        case .probabilities: out = try source.targetProbabilities(inputs, for: purpose)
        }
        return try out.reshaped([out.shape.first ?? 0, -1])
    }

    /// Rows read at once through adapted layers when no graph is recorded (bounded memory).
    private static let chunkRows = 512

    /// Features through the adapted layers; without gradients, in chunks of rows.
    private func readAdapted(_ model: Model, _ body: Sequential, _ inputs: Tensor) throws -> Tensor {
        let n = inputs.shape.first ?? 0
        guard !GradMode.isEnabled, n > Self.chunkRows else {
            return try body(try model.normalized(try source.adapted(inputs)))
        }
        let parts = try stride(from: 0, to: n, by: Self.chunkRows).map { start in
            let rows = try inputs.gathered(indices: Array(start..<min(n, start + Self.chunkRows)), axis: 0)
            return try body(try model.normalized(try source.adapted(rows)))
        }
        return try concatenate(parts, axis: 0)
    }

    /// Outputs standardised with the training statistics.
    func standardized(_ raw: Tensor) throws -> Tensor {
        try (raw - mean) / std
    }

    /// Sets the standardisation from training outputs: column means, and standard deviations
    /// (1 for a constant column, so that it stays 0 instead of blowing up).
    func fitStandardization(_ raw: Tensor) throws {
        let n = raw.shape[0]
        let d = raw.count / max(n, 1)
        var sums = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        raw.scalars.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for j in 0..<d {
                    let v = Double(x[i * d + j])
                    sums[j] += v
                    squares[j] += v * v
                }
            }
        }
        let count = Double(max(n, 1))
        let means = sums.map { $0 / count }
        let deviations = (0..<d).map { j in
            let variance = max(squares[j] / count - means[j] * means[j], 0)
            return variance > 1e-12 ? variance.squareRoot() : 1
        }
        mean = try Tensor(shape: [1, d], scalars: means.map { Float($0) })
        std = try Tensor(shape: [1, d], scalars: deviations.map { Float($0) })
    }
}
