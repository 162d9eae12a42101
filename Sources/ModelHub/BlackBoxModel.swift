import Tensors

/// A black-box view of a model: it answers only with output probabilities (optionally only the
/// top-k, the rest zero), counts every input row as one query, never exceeds its budget, and
/// refuses weights, features and gradients.
public final class BlackBoxModel: SourceModel {
    private let model: Model
    public let ledger: QueryLedger
    /// Only the k largest probabilities are returned when set.
    public let topK: Int?

    /// A black-box view of `model` with an optional query budget.
    public init(_ model: Model, budget: Int? = nil, topK: Int? = nil) throws {
        if let budget, budget < 0 {
            throw HubError("blackbox '\(model.card.name)': budget must be ≥ 0, got \(budget)")
        }
        if let topK, topK < 1 || topK > model.card.classCount {
            throw HubError("blackbox '\(model.card.name)': top_k must be in 1...\(model.card.classCount), got \(topK)")
        }
        self.model = model
        self.ledger = QueryLedger(budget: budget)
        self.topK = topK
    }

    public var card: ModelCard { model.card }
    public var access: ModelAccess { .blackBox }

    public func whiteBox(for what: String) throws -> Model {
        throw HubError(
            "model '\(card.name)' is a black box: \(what) is not available (only output probabilities, through counted queries)")
    }

    public func probabilities(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor {
        guard inputs.rank == card.inputShape.count + 1, Array(inputs.shape.dropFirst()) == card.inputShape
        else {
            throw HubError(
                "model '\(card.name)': expected inputs of shape N×\(card.inputShape.map(String.init).joined(separator: "×")), got \(inputs.shape)")
        }
        try ledger.spend(inputs.shape[0], for: purpose, model: card.name)
        let p = try withNoGrad { try Model.chunked(inputs) { try self.model.logits($0).softmax(axis: -1) } }
        guard let topK else { return p }
        return BlackBoxModel.keepTop(topK, of: p)
    }

    /// Zeroes all but the k largest entries of each row.
    static func keepTop(_ k: Int, of p: Tensor) -> Tensor {
        let classes = p.shape.last ?? 0
        var out = p
        out.withMutableScalars { values in
            for row in 0..<(values.count / max(classes, 1)) {
                let base = row * classes
                let order = (0..<classes).sorted { values[base + $0] > values[base + $1] }
                for j in order.dropFirst(k) { values[base + j] = 0 }
            }
        }
        return out
    }
}
