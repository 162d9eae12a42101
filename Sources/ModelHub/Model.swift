import Tensors
import Learning

/// A white-box model: its card and its network, with weights, features and gradients open.
///
/// Inputs are in [0, 1], shaped N×C×H×W (or N×D) to match ``ModelCard/inputShape``; the model
/// applies its own normalisation before the network.
public final class Model: SourceModel {
    public var card: ModelCard
    public let network: Sequential
    public let ledger = QueryLedger()

    /// Pairs a card with a network; checks that the network's outputs match the classes.
    public init(card: ModelCard, network: Sequential) throws {
        if let outputs = network.outputSize, outputs != card.classCount {
            throw HubError(
                "model '\(card.name)': the network has \(outputs) outputs but the card lists \(card.classCount) classes")
        }
        self.card = card
        self.network = network
    }

    public var access: ModelAccess { .whiteBox }

    public func whiteBox(for what: String) throws -> Model { self }

    /// The number of parameters of the network.
    public var parameterCount: Int { network.parameterCount }

    /// The inputs normalised as the network expects (differentiable).
    /// - Throws: ``HubError`` when the per-sample shape differs from the card's input shape.
    public func normalized(_ inputs: Tensor) throws -> Tensor {
        guard inputs.rank == card.inputShape.count + 1, Array(inputs.shape.dropFirst()) == card.inputShape
        else {
            throw HubError(
                "model '\(card.name)': expected inputs of shape N×\(card.inputShape.map(String.init).joined(separator: "×")), got \(inputs.shape)")
        }
        let channels = card.inputShape.count == 3 ? card.inputShape[0] : 1
        guard card.mean.count == 1 || card.mean.count == channels else { return inputs }
        if card.mean.allSatisfy({ $0 == 0 }) && card.std.allSatisfy({ $0 == 1 }) { return inputs }
        var statShape = [Int](repeating: 1, count: inputs.rank)
        if card.inputShape.count == 3 { statShape[1] = card.mean.count }
        let mean = try Tensor(shape: statShape, scalars: card.mean)
        let std = try Tensor(shape: statShape, scalars: card.std)
        return try (inputs - mean) / std
    }

    /// Logits (N×classes); records gradients when the inputs or parameters are tracked.
    public func logits(_ inputs: Tensor) throws -> Tensor {
        try network(try normalized(inputs))
    }

    /// Penultimate features (N×D): the input of the last linear layer.
    public func features(_ inputs: Tensor) throws -> Tensor {
        try network.features(try normalized(inputs))
    }

    public func probabilities(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        try ledger.spend(inputs.shape.first ?? 0, for: purpose, model: card.name)
        return try withNoGrad { try Model.chunked(inputs) { try self.logits($0).softmax(axis: -1) } }
    }

    /// Features without recording gradients, in chunks (for scoring and probing).
    public func extractFeatures(_ inputs: Tensor) throws -> Tensor {
        try withNoGrad { try Model.chunked(inputs) { try self.features($0) } }
    }

    /// Applies `body` to row chunks of `inputs` and concatenates the results (bounded memory).
    static func chunked(_ inputs: Tensor, size: Int = 512, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
        let n = inputs.shape.first ?? 0
        guard n > size else { return try body(inputs) }
        var parts: [Tensor] = []
        for start in stride(from: 0, to: n, by: size) {
            parts.append(try body(try inputs.gathered(indices: Array(start..<min(n, start + size)), axis: 0)))
        }
        return try concatenate(parts, axis: 0)
    }
}

extension Model {
    /// An independent copy (same card and weights), e.g. to fine-tune without touching the library.
    public func copy() throws -> Model {
        let network = try Architecture.parse(card.architecture)
        for ((_, target), (_, source)) in zip(network.namedParameters, self.network.namedParameters) {
            target.value = source.value
        }
        return try Model(card: card, network: network)
    }
}
