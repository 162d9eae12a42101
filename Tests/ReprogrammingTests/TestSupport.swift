import Datasets
import Foundation
import Learning
import ModelHub
import Tensors

/// A small white-box source model with seeded random weights: C×side×side inputs,
/// `classes` outputs, one hidden layer (so a frame changes how the rest of the input is read),
/// its output weights times `sharpness` (random networks have nearly flat outputs).
func tinyModel(
    channels: Int = 1, side: Int = 8, classes: Int = 6, hidden: Int = 16, seed: UInt64 = 1, sharpness: Float = 1,
    name: String = "tiny"
) throws -> Model {
    let inputs = channels * side * side
    let spec = "flatten linear(\(inputs),\(hidden)) relu linear(\(hidden),\(classes))"
    let card = ModelCard(
        name: name, architecture: spec, sourceTask: "random weights for tests",
        classNames: (0..<classes).map { "s\($0)" }, inputShape: [channels, side, side])
    let network = try Architecture.parse(spec, seed: seed)
    if let head = network.head { head.weight.value = head.weight.value * sharpness }
    return try Model(card: card, network: network)
}

/// A target task of `count` gray side×side images in `classes` classes: each class lights its
/// own band of rows, plus seeded noise.
func bandTask(count: Int, classes: Int = 3, side: Int = 4, seed: UInt64 = 2) throws -> Dataset {
    var rng = Random(seed: seed)
    var values: [Float] = []
    var labels: [Int] = []
    for i in 0..<count {
        let label = i % classes
        for row in 0..<side {
            let lit = row * classes / side == label
            for _ in 0..<side { values.append(min(max((lit ? 0.8 : 0.1) + 0.1 * rng.nextNormal(), 0), 1)) }
        }
        labels.append(label)
    }
    return try Dataset(
        name: "bands", inputs: try Tensor(shape: [count, 1, side, side], scalars: values), labels: labels,
        classNames: (0..<classes).map { "t\($0)" })
}

/// A fresh temporary file path for one test.
func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("reprogramming-\(UUID().uuidString)-\(name)").path
}

/// The cosine of the angle between two vectors.
func cosine(_ a: [Float], _ b: [Float]) -> Double {
    let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let na = a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    let nb = b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    return dot / max(na * nb, 1e-30)
}

func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
