import Datasets
import Learning
import ModelHub
import Tensors

/// Tiny hand-made source models and target tasks, so that every relation is known exactly.
///
/// The vector task has 4 classes (l, t) ∈ {0, 1}²: x₀ = ±1 (sign from l) and x₁ = ±1 (from t),
/// each plus N(0, 0.3²) noise, and x₂…x₅ pure N(0, 1) noise. Model `left` sees only x₀,
/// `top` only x₁, `noise` only x₂…x₅; each is `linear(6,2) relu linear(2,3)`, so its features
/// are the 2 ReLU outputs.
enum TestModels {
    /// The vector task: `perClass` samples of each of the 4 classes.
    static func vectorTask(perClass: Int, seed: UInt64) throws -> Dataset {
        var rng = Random(seed: seed)
        var x: [Float] = []
        var labels: [Int] = []
        for i in 0..<(4 * perClass) {
            let label = i % 4
            let (l, t) = (label / 2, label % 2)
            x.append((l == 1 ? 1 : -1) + 0.3 * rng.nextNormal())
            x.append((t == 1 ? 1 : -1) + 0.3 * rng.nextNormal())
            for _ in 0..<4 { x.append(rng.nextNormal()) }
            labels.append(label)
        }
        return try Dataset(
            name: "vectors", inputs: try Tensor(shape: [labels.count, 6], scalars: x), labels: labels,
            classNames: ["--", "-+", "+-", "++"])
    }

    /// A vector model whose features read the inputs at `columns`: feature 0 is
    /// relu(Σ x[columns]), feature 1 relu(−Σ x[columns]).
    static func vectorModel(_ name: String, reading columns: [Int]) throws -> Model {
        let spec = "linear(6,2) relu linear(2,3)"
        let network = try Architecture.parse(spec, seed: 1)
        var weight = [Float](repeating: 0, count: 12)
        for c in columns {
            weight[c] = 1
            weight[6 + c] = -1
        }
        network.parameters[0].value = try Tensor(shape: [2, 6], scalars: weight)
        network.parameters[1].value = try Tensor.zeros([2])
        let card = ModelCard(
            name: name, architecture: spec, sourceTask: "test", classNames: ["a", "b", "c"], inputShape: [6])
        return try Model(card: card, network: network)
    }

    /// The three vector models: `left`, `top` and `noise`.
    static func vectorModels() throws -> [Model] {
        [
            try vectorModel("left", reading: [0]), try vectorModel("top", reading: [1]),
            try vectorModel("noise", reading: [2, 3, 4, 5]),
        ]
    }

    /// A small convolutional model on 1×4×4 images with seeded weights.
    static func convModel(_ name: String = "conv", seed: UInt64 = 2) throws -> Model {
        let spec = "conv(1,2,3,pad=1) relu flatten linear(32,5) relu linear(5,3)"
        let card = ModelCard(
            name: name, architecture: spec, sourceTask: "test", classNames: ["a", "b", "c"], inputShape: [1, 4, 4])
        return try Model(card: card, network: try Architecture.parse(spec, seed: seed))
    }

    /// Images of `side`×`side` with two classes: a bright left half (0) or right half (1).
    static func halvesTask(perClass: Int, side: Int = 4, seed: UInt64) throws -> Dataset {
        var rng = Random(seed: seed)
        var x: [Float] = []
        var labels: [Int] = []
        for i in 0..<(2 * perClass) {
            let label = i % 2
            for _ in 0..<side {
                for c in 0..<side {
                    let bright = (c < side / 2) == (label == 0)
                    x.append(min(max((bright ? 0.8 : 0.2) + 0.1 * rng.nextNormal(), 0), 1))
                }
            }
            labels.append(label)
        }
        return try Dataset(
            name: "halves", inputs: try Tensor(shape: [labels.count, 1, side, side], scalars: x), labels: labels,
            classNames: ["left", "right"])
    }

    /// Every parameter value of a model, to check that recycling leaves the library untouched.
    static func snapshot(_ model: Model) -> [[Float]] {
        model.network.parameters.map(\.value.scalars)
    }
}
