import Learning
import ModelHub
import Tensors

/// What one forward pass of a pathway produced.
public struct PathwayOutput {
    /// ŷ(x) = Σ_{i∈A(x)} w_i(x) softmax(h_i(f_i(x))), B×classes.
    public var probabilities: Tensor
    /// Routing weights w (B×M), zero outside A(x).
    public var weights: Tensor
    /// A(x) for each input.
    public var active: [[Int]]
    /// Σ over inputs and activated models of CE(h_i(f_i(x)), y) / B (when labels were given).
    public var exploitation: Tensor?
}

/// A Hub-Pathway: a generator that routes each input to the top-k hub models, their heads, and
/// the weighted aggregation of their outputs. Only the activated models run on an input.
public final class PathwayModel {
    public let generator: PathwayGenerator
    public let experts: [HubExpert]
    public let options: PathwayOptions
    public let classes: Int
    /// The input shape the generator reads (the target's C×H×W).
    public let inputShape: [Int]

    /// A pathway over `models` for a target with `classes` classes and inputs of `inputShape`.
    public init(models: [SourceModel], classes: Int, inputShape: [Int], options: PathwayOptions) throws {
        guard !models.isEmpty else { throw PathwayError("pathway: expected at least one model") }
        guard options.k >= 1, options.k <= models.count else {
            throw PathwayError("pathway: k must be in 1...\(models.count) for \(models.count) models, got \(options.k)")
        }
        var rng = Random(seed: options.seed)
        experts = try models.map { try HubExpert($0, classes: classes, finetune: options.finetune, rng: &rng) }
        generator = try PathwayGenerator(
            inputShape: inputShape, models: models.count, hidden: options.generatorHidden, seed: rng.next())
        self.options = options
        self.classes = classes
        self.inputShape = inputShape
    }

    /// Runs the pathway. With `noise`, ε is drawn from `rng` (training); without, routing is
    /// deterministic (evaluation).
    public func forward(
        _ inputs: Tensor, labels: [Int]? = nil, noise rng: inout Random?, purpose: QueryPurpose
    ) throws -> PathwayOutput {
        let batch = inputs.shape.first ?? 0
        let (clean, scale) = try generator(inputs)
        var logits = clean
        if var noiseRNG = rng {
            let epsilon = noiseRNG.normal(clean.shape)
            switch options.noise {
            case .learned: logits = try clean + epsilon * scale
            case .fixed(let sigma): logits = try clean + epsilon * sigma
            case .none: break
            }
            rng = noiseRNG
        }
        let active = Routing.topK(logits, k: options.k)
        let weights = try Routing.weights(logits, active: active)
        var probabilities = try Tensor.zeros([batch, classes])
        var exploitation: Tensor?
        for (i, expert) in experts.enumerated() {
            let rows = active.indices.filter { active[$0].contains(i) }
            guard !rows.isEmpty else { continue }
            let headLogits = try expert.logits(try inputs.gathered(indices: rows, axis: 0), purpose: purpose)
            let w = try weights.indexed([.all, .at(i)]).gathered(indices: rows, axis: 0).reshaped([rows.count, 1])
            let contribution = try headLogits.softmax(axis: -1) * w
            probabilities = try probabilities + matmul(try PathwayModel.scatter(rows, batch: batch), contribution)
            if let labels {
                let ce = try crossEntropy(logits: headLogits, labels: rows.map { labels[$0] }) * Float(rows.count)
                exploitation = try exploitation.map { try $0 + ce } ?? ce
            }
        }
        return PathwayOutput(
            probabilities: probabilities, weights: weights, active: active,
            exploitation: try exploitation.map { $0 * (1 / Float(max(batch, 1))) })
    }

    /// The B×n 0/1 matrix that puts row r of an n-row result at row rows[r] of a B-row one.
    static func scatter(_ rows: [Int], batch: Int) throws -> Tensor {
        var values = [Float](repeating: 0, count: batch * rows.count)
        for (r, row) in rows.enumerated() { values[row * rows.count + r] = 1 }
        return try Tensor(shape: [batch, rows.count], scalars: values)
    }

    /// Predicted classes (no noise; counted as evaluation queries for black-box models).
    public func predict(_ inputs: Tensor) throws -> [Int] {
        try withNoGrad {
            var none: Random? = nil
            return try forward(inputs, noise: &none, purpose: .evaluation).probabilities.argMaxIndices(axis: -1)
        }
    }

    /// Accuracy on labelled data.
    public func accuracy(_ inputs: Tensor, labels: [Int]) throws -> Double {
        let predicted = try predict(inputs)
        guard !labels.isEmpty else { return 0 }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// Parameters trained at the base learning rate: the generator and the heads.
    public var parameters: [Parameter] { generator.parameters + experts.flatMap(\.headParameters) }

    /// Model parameters trained at the lower fine-tuning rate.
    public var modelParameters: [Parameter] { experts.flatMap(\.modelParameters) }

    /// The number of trained values.
    public var trainableParameters: Int {
        (parameters + modelParameters).reduce(0) { $0 + $1.value.count }
    }
}
