import ModelHub
import Tensors

extension SourceModel {
    /// Target inputs fitted to this model's input shape (gray to its channels, resized).
    func adapted(_ inputs: Tensor) throws -> Tensor {
        try InputAdapter.adapt(inputs, to: card.inputShape, model: name)
    }

    /// Penultimate features (N×D, no gradients) of target inputs; needs white-box access.
    /// - Throws: ``HubError`` from a black-box model, naming it and what was refused.
    func targetFeatures(_ inputs: Tensor) throws -> Tensor {
        let model = try whiteBox(for: "its features")
        let features = try model.extractFeatures(try adapted(inputs))
        return try features.reshaped([features.shape.first ?? 0, -1])
    }

    /// Output probabilities (N×source classes) of target inputs, counted as queries for `purpose`.
    func targetProbabilities(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        try probabilities(try adapted(inputs), for: purpose)
    }

    /// What the model shows of target inputs with `access`: features (white-box) or
    /// probabilities (black-box, counted queries for `purpose`).
    func targetView(_ inputs: Tensor, access: ModelAccess, for purpose: QueryPurpose) throws -> Tensor {
        switch access {
        case .whiteBox: try targetFeatures(inputs)
        case .blackBox: try targetProbabilities(inputs, for: purpose)
        }
    }
}
