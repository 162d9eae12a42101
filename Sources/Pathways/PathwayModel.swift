import Learning
import ModelHub
import Tensors

/// What one forward pass of a pathway produced.
public struct PathwayOutput {
    /// ŷ(x) = Σ_{i∈A(x)} w_i(x) softmax(h_i(f_i(x))), B×classes (each row sums to 1).
    public var probabilities: Tensor
    /// The routing weights w (B×M), exactly zero outside A(x).
    public var weights: Tensor
    /// A(x): the models run on each input, by decreasing logit.
    public var active: [[Int]]
    /// L_exploit = (1/B) Σ_x Σ_{i∈A(x)} CE(h_i(f_i(x)), y), when labels were given.
    public var exploitation: Tensor?
}

/// A Hub-Pathway network: a generator that routes each input to its top-k hub models, a new
/// head per model, and the weighted aggregation of the activated models' outputs. Only the
/// activated models run on an input (each expert counts its runs).
public final class PathwayModel {
    /// The generator, or nil for a uniform ensemble (equal logits).
    public let generator: PathwayGenerator?
    public let experts: [HubExpert]
    public let options: PathwayOptions
    /// The number of target classes.
    public let classes: Int
    /// The shape of one target input (e.g. 1×28×28), which the generator reads.
    public let inputShape: [Int]

    /// A pathway over `models` for a target with `classes` classes and inputs of `inputShape`.
    /// - Throws: ``PathwayError`` for invalid options or a black box asked to fine-tune.
    public init(models: [SourceModel], classes: Int, inputShape: [Int], options: PathwayOptions) throws {
        try options.validate(models: models.count)
        guard classes >= 1 else { throw PathwayError("pathway: expected at least one target class, got \(classes)") }
        var rng = Random(seed: options.seed)
        experts = try models.map { try HubExpert($0, classes: classes, finetune: options.finetune, rng: &rng) }
        generator =
            options.gating == .generator
            ? try PathwayGenerator(
                inputShape: inputShape, models: models.count, hidden: options.generatorHidden, rng: &rng)
            : nil
        self.options = options
        self.classes = classes
        self.inputShape = inputShape
    }

    /// The names of the hub models, in routing order.
    public var modelNames: [String] { experts.map(\.source.name) }

    /// The routing logits l̃ (B×M): the generator's, plus the training noise when `epsilon`
    /// (B×M standard normal draws) is given and the options ask for noise.
    public func routingLogits(_ inputs: Tensor, epsilon: Tensor? = nil) throws -> Tensor {
        try checkInputs(inputs)
        let batch = inputs.shape[0]
        guard let generator else { return try Tensor.zeros([batch, experts.count]) }
        let (clean, scale) = try generator(inputs)
        guard let epsilon else { return clean }
        guard epsilon.shape == clean.shape else {
            throw PathwayError("pathway: noise must be shaped \(clean.shape) (inputs × models), got \(epsilon.shape)")
        }
        switch options.noise {
        case .learned: return try clean + epsilon * scale
        case .fixed(let sigma): return try clean + epsilon * sigma
        case .none: return clean
        }
    }

    /// Runs the pathway on a batch: routes, runs each activated model on its rows only, and
    /// aggregates. `epsilon` is the training noise (nil at evaluation); with `labels`, the
    /// exploitation loss is computed too. Black boxes count `purpose` queries.
    /// - Throws: ``PathwayError`` for inputs of the wrong shape or labels out of range.
    public func forward(
        _ inputs: Tensor, labels: [Int]? = nil, epsilon: Tensor? = nil, purpose: QueryPurpose
    ) throws -> PathwayOutput {
        let logits = try routingLogits(inputs, epsilon: epsilon)
        let batch = inputs.shape[0]
        if let labels {
            guard labels.count == batch else {
                throw PathwayError("pathway: expected \(batch) labels for \(batch) inputs, got \(labels.count)")
            }
            if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
                throw PathwayError("pathway: label \(bad) is outside 0..<\(classes)")
            }
        }
        let active = Routing.topK(logits, k: options.k)
        let weights = try Routing.weights(logits, active: active)
        var probabilities = try Tensor.zeros([batch, classes])
        var exploitation: Tensor?
        for (i, expert) in experts.enumerated() {
            let rows = active.indices.filter { active[$0].contains(i) }
            guard !rows.isEmpty else { continue }
            let headLogits = try expert.logits(try inputs.gathered(indices: rows, axis: 0), purpose: purpose)
            let w = try weights.gathered(indices: [i], axis: 1).gathered(indices: rows, axis: 0)
            let weighted = try headLogits.softmax(axis: -1) * w
            probabilities = try probabilities + matmul(try PathwayModel.scatter(rows, batch: batch), weighted)
            if let labels {
                let ce = try crossEntropy(logits: headLogits, labels: rows.map { labels[$0] }) * Float(rows.count)
                exploitation = try exploitation.map { try $0 + ce } ?? ce
            }
        }
        return PathwayOutput(
            probabilities: probabilities, weights: weights, active: active,
            exploitation: exploitation.map { $0 * (1 / Float(batch)) })
    }

    /// The B×n 0/1 matrix that puts row r of an n-row result at row rows[r] of a B-row one
    /// (a scatter as a matrix product, so the gradient flows back to the rows).
    static func scatter(_ rows: [Int], batch: Int) throws -> Tensor {
        var values = [Float](repeating: 0, count: batch * rows.count)
        for (r, row) in rows.enumerated() { values[row * rows.count + r] = 1 }
        return try Tensor(shape: [batch, rows.count], scalars: values)
    }

    /// Parameters trained at the base rate: the generator's and the heads'.
    public var parameters: [Parameter] {
        (generator?.parameters ?? []) + experts.flatMap(\.headParameters)
    }

    /// Model parameters trained at the lower fine-tuning rate (none unless fine-tuning).
    public var modelParameters: [Parameter] { experts.flatMap(\.modelParameters) }

    /// The number of trained values.
    public var trainableParameters: Int {
        (parameters + modelParameters).reduce(0) { $0 + $1.value.count }
    }

    /// Model runs so far, over all experts.
    public var totalRuns: Int { experts.reduce(0) { $0 + $1.runs } }

    private func checkInputs(_ inputs: Tensor) throws {
        guard inputs.rank == inputShape.count + 1, Array(inputs.shape.dropFirst()) == inputShape,
            inputs.shape[0] > 0
        else {
            throw PathwayError(
                "pathway: expected inputs shaped N×\(inputShape.map(String.init).joined(separator: "×")) with N ≥ 1, got \(inputs.shape)")
        }
    }
}
