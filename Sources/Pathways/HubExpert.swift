import Learning
import ModelHub
import Tensors

/// One hub model inside a pathway: the model (frozen, or a fine-tuned copy), and a new head
/// from its features (white-box) or probabilities (black-box) to the target classes.
public final class HubExpert {
    public let source: SourceModel
    /// The white-box model the expert runs (a private copy when fine-tuning), nil for a black box.
    public let model: Model?
    public let head: Linear
    public let finetune: Bool
    /// Inputs this expert has been run on (its activations).
    public internal(set) var evaluations = 0

    /// An expert for `source` with a head to `classes` target classes.
    public init(_ source: SourceModel, classes: Int, finetune: Bool, rng: inout Random) throws {
        self.source = source
        self.finetune = finetune
        if source.access == .whiteBox {
            let base = try source.whiteBox(for: "features")
            model = finetune ? try base.copy() : base
        } else {
            if finetune {
                throw PathwayError("pathway: model '\(source.name)' is a black box and cannot be fine-tuned")
            }
            model = nil
        }
        let inputSize = model?.network.featureSize ?? source.card.classCount
        head = Linear(inputSize, classes, rng: &rng)
    }

    /// The features the head reads: penultimate features (white-box) or probabilities
    /// (black-box, counted as training or evaluation queries).
    public func features(_ inputs: Tensor, purpose: QueryPurpose) throws -> Tensor {
        evaluations += inputs.shape.first ?? 0
        let x = try InputAdapter.adapt(inputs, to: source.card.inputShape, model: source.name)
        guard let model else { return try source.probabilities(x, for: purpose) }
        if finetune { return try model.features(x) }
        return try withNoGrad { try model.features(x) }
    }

    /// Head logits for inputs routed here.
    public func logits(_ inputs: Tensor, purpose: QueryPurpose) throws -> Tensor {
        try head(try features(inputs, purpose: purpose))
    }

    /// Parameters trained at the head's learning rate.
    public var headParameters: [Parameter] { head.namedParameters.map(\.parameter) }

    /// The model's own parameters, trained at a lower rate when fine-tuning.
    public var modelParameters: [Parameter] { finetune ? (model?.network.parameters ?? []) : [] }
}
