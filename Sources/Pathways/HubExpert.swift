import Learning
import ModelHub
import Tensors

/// One hub model inside a pathway: the model (frozen, or a fine-tuned private copy) and a new
/// head from what the model gives (penultimate features when white-box, output probabilities
/// when black-box) to the target classes.
///
/// Every input row the model runs on is counted in ``runs``; a black box also counts it in its
/// own query ledger.
public final class HubExpert {
    /// The hub model as the library gave it.
    public let source: SourceModel
    /// The white-box model the expert runs (a private copy when fine-tuning), nil for a black box.
    public let model: Model?
    /// The new head: features (or probabilities) → target logits.
    public let head: Linear
    /// Whether ``model`` is trained too.
    public let finetune: Bool
    /// Input rows this model has been run on, training and evaluation alike.
    public private(set) var runs = 0

    /// An expert for `source` with a new head to `classes` target classes.
    /// - Throws: ``PathwayError`` when fine-tuning is asked of a black box or the model has no
    ///   linear last layer to read features before.
    public init(_ source: SourceModel, classes: Int, finetune: Bool, rng: inout Random) throws {
        self.source = source
        self.finetune = finetune
        switch source.access {
        case .whiteBox:
            let base = try source.whiteBox(for: "features")
            model = finetune ? try base.copy() : base
        case .blackBox:
            if finetune {
                throw PathwayError(
                    "pathway: model '\(source.name)' is a black box and cannot be fine-tuned (set finetune: false)")
            }
            model = nil
        }
        let inputSize: Int
        if let model {
            guard let size = model.network.featureSize else {
                throw PathwayError("pathway: model '\(source.name)' has no linear last layer to read features from")
            }
            inputSize = size
        } else {
            inputSize = source.card.classCount
        }
        head = Linear(inputSize, classes, rng: &rng)
    }

    /// What the head reads, for target inputs (adapted to the model's input shape): penultimate
    /// features (tracked when fine-tuning) or probabilities (counted as `purpose` queries).
    public func features(_ inputs: Tensor, purpose: QueryPurpose) throws -> Tensor {
        let x = try InputAdapter.adapt(inputs, to: source.card.inputShape, model: source.name)
        let result: Tensor
        if let model {
            result = finetune && GradMode.isEnabled ? try model.features(x) : try model.extractFeatures(x)
        } else {
            result = try source.probabilities(x, for: purpose)
        }
        runs += inputs.shape.first ?? 0
        return result
    }

    /// Head logits for the inputs routed here.
    public func logits(_ inputs: Tensor, purpose: QueryPurpose) throws -> Tensor {
        try head(try features(inputs, purpose: purpose))
    }

    /// The head's parameters (trained at the base rate).
    public var headParameters: [Parameter] { head.namedParameters.map(\.parameter) }

    /// The model's own parameters when fine-tuning (trained at the lower rate), else none.
    public var modelParameters: [Parameter] { finetune ? (model?.network.parameters ?? []) : [] }
}
