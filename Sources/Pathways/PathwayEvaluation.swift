import ModelHub
import Tensors

/// Noise-free evaluation of a pathway in batches (bounded memory), without recording gradients;
/// black boxes count evaluation queries.
enum PathwayEvaluation {
    /// Rows per evaluation batch.
    static let batchSize = 256

    /// Runs `body` on each batch's output with that batch's row range.
    static func forEachBatch(
        _ pathway: PathwayModel, inputs: Tensor, _ body: (PathwayOutput, Range<Int>) throws -> Void
    ) throws {
        let n = inputs.shape.first ?? 0
        try withNoGrad {
            for start in stride(from: 0, to: n, by: batchSize) {
                let rows = start..<min(n, start + batchSize)
                let out = try pathway.forward(
                    try inputs.gathered(indices: Array(rows), axis: 0), purpose: .evaluation)
                try body(out, rows)
            }
        }
    }

    /// The aggregated class probabilities, N×classes.
    static func probabilities(_ pathway: PathwayModel, inputs: Tensor) throws -> Tensor {
        var parts: [Tensor] = []
        try forEachBatch(pathway, inputs: inputs) { out, _ in parts.append(out.probabilities) }
        return try concatenate(parts, axis: 0)
    }

    /// The fraction of inputs whose predicted class is their label.
    static func accuracy(_ pathway: PathwayModel, inputs: Tensor, labels: [Int]) throws -> Double {
        guard inputs.shape.first == labels.count else {
            throw PathwayError(
                "pathway accuracy: expected one label per input, got \(inputs.shape.first ?? 0) inputs and \(labels.count) labels")
        }
        guard !labels.isEmpty else { return 0 }
        var correct = 0
        try forEachBatch(pathway, inputs: inputs) { out, rows in
            let predicted = try out.probabilities.argMaxIndices(axis: -1)
            correct += zip(predicted, labels[rows]).filter { $0 == $1 }.count
        }
        return Double(correct) / Double(labels.count)
    }

    /// Routing statistics of labelled inputs.
    static func routing(
        _ pathway: PathwayModel, inputs: Tensor, labels: [Int], classNames: [String]
    ) throws -> RoutingStatistics {
        guard inputs.shape.first == labels.count else {
            throw PathwayError(
                "pathway routing: expected one label per input, got \(inputs.shape.first ?? 0) inputs and \(labels.count) labels")
        }
        var tally = RoutingTally(modelNames: pathway.modelNames, classNames: classNames)
        try forEachBatch(pathway, inputs: inputs) { out, rows in
            tally.add(weights: out.weights.scalars, active: out.active, labels: Array(labels[rows]))
        }
        return tally.statistics
    }
}
