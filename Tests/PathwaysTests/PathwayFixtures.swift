import Datasets
import Learning
import ModelHub
import Tensors

@testable import Pathways

/// Tiny hand-built hubs and targets: no library is built in tests.
enum PathwayFixtures {
    /// A white-box model with random weights.
    static func model(
        _ name: String, spec: String, inputShape: [Int] = [1, 4, 4], classes: Int, seed: UInt64
    ) throws -> Model {
        let card = ModelCard(
            name: name, architecture: spec, sourceTask: "test", classNames: (0..<classes).map { "s\($0)" },
            inputShape: inputShape)
        return try Model(card: card, network: try Architecture.parse(spec, seed: seed))
    }

    /// Three white-box models of different architectures, feature sizes (6, 5, 7) and input
    /// shapes (the third takes 8×8 images, so 4×4 targets are resized for it).
    static func heterogeneousHub() throws -> [Model] {
        [
            try model("mlp-a", spec: "flatten linear(16,6) relu linear(6,3)", classes: 3, seed: 1),
            try model("mlp-b", spec: "flatten linear(16,5) tanh linear(5,4)", classes: 4, seed: 2),
            try model(
                "conv-c", spec: "conv(1,2,3,pad=1) relu maxpool(2) flatten linear(32,7) relu linear(7,2)",
                inputShape: [1, 8, 8], classes: 2, seed: 3),
        ]
    }

    /// `count` random 1×4×4 images in [0, 1].
    static func inputs(_ count: Int, seed: UInt64) -> Tensor {
        var rng = Random(seed: seed)
        return rng.uniform([count, 1, 4, 4])
    }

    /// A 4-class target of 1×4×4 images from two "domains": classes 0 and 1 are a bright left or
    /// right half, classes 2 and 3 a bright top or bottom half, with noise.
    static func target(perClass: Int, seed: UInt64) throws -> Dataset {
        var rng = Random(seed: seed)
        var scalars: [Float] = []
        var labels: [Int] = []
        for i in 0..<(4 * perClass) {
            let label = i % 4
            for row in 0..<4 {
                for col in 0..<4 {
                    let bright: Bool
                    switch label {
                    case 0: bright = col < 2
                    case 1: bright = col >= 2
                    case 2: bright = row < 2
                    default: bright = row >= 2
                    }
                    scalars.append((bright ? 0.8 : 0.2) + 0.2 * (rng.nextFloat() - 0.5))
                }
            }
            labels.append(label)
        }
        return try Dataset(
            name: "halves", inputs: try Tensor(shape: [4 * perClass, 1, 4, 4], scalars: scalars), labels: labels,
            classNames: ["left", "right", "top", "bottom"])
    }

    /// Options for quick tests.
    static func options(k: Int = 2, epochs: Int = 3, seed: UInt64 = 0) -> PathwayOptions {
        var options = PathwayOptions()
        options.k = k
        options.epochs = epochs
        options.batchSize = 16
        options.generatorHidden = 8
        options.learningRate = 1e-2
        options.seed = seed
        return options
    }
}

/// A black box that remembers every input it was asked about.
final class RecordingModel: SourceModel {
    let inner: Model
    let ledger = QueryLedger()
    /// The inputs of each call, in order.
    private(set) var calls: [Tensor] = []

    init(_ inner: Model) {
        self.inner = inner
    }

    var card: ModelCard { inner.card }
    var access: ModelAccess { .blackBox }

    func probabilities(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        calls.append(inputs)
        try ledger.spend(inputs.shape.first ?? 0, for: purpose, model: card.name)
        return try withNoGrad { try inner.logits(inputs).softmax(axis: -1) }
    }

    func whiteBox(for what: String) throws -> Model {
        throw HubError("model '\(card.name)' is a black box: \(what) is refused")
    }
}
