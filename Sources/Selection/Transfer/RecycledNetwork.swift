import Learning
import ModelHub
import Tensors

/// A recycled model as one layer: every source's standardised outputs on the target input,
/// side by side, into the head. Trainable parameters are the head's and those of the adapted
/// sources' layers that require gradients.
final class RecycledNetwork: Layer {
    let sources: [RecycledSource]
    let head: FeatureHead
    /// What black-box reads count as: training while fitting, evaluation afterwards.
    var purpose: QueryPurpose = .training

    init(sources: [RecycledSource], head: FeatureHead) {
        self.sources = sources
        self.head = head
    }

    /// The concatenated standardised outputs of every source (N × Σwidths).
    func features(_ input: Tensor) throws -> Tensor {
        let blocks = try sources.map { try $0.standardized(try $0.read(input, purpose: purpose)) }
        return blocks.count == 1 ? blocks[0] : try concatenate(blocks, axis: 1)
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        try head(try features(input))
    }

    /// The adapted sources' layers (`source<i>.<name>`), then the head's (`head.<name>`).
    var namedParameters: [(name: String, parameter: Parameter)] {
        let bodies = sources.enumerated().flatMap { i, source in
            (source.body?.namedParameters ?? []).map { ("source\(i).\($0.name)", $0.parameter) }
        }
        return bodies + head.namedParameters.map { ("head.\($0.name)", $0.parameter) }
    }

    /// The number of values that train.
    var trainableCount: Int {
        namedParameters.filter { $0.parameter.requiresGrad }.reduce(0) { $0 + $1.parameter.value.count }
    }

    var isTraining: Bool {
        get { head.isTraining || sources.contains { $0.body?.isTraining ?? false } }
        set {
            head.isTraining = newValue
            for source in sources { source.body?.isTraining = newValue }
        }
    }

    var spec: String {
        "recycled(\(sources.map(\.source.name).joined(separator: ","))) \(head.spec)"
    }
}
