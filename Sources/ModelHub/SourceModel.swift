import Tensors

/// How much of a model the user may see.
public enum ModelAccess: String, Sendable {
    /// Weights, features and gradients are available.
    case whiteBox = "white-box"
    /// Only output probabilities, through counted queries.
    case blackBox = "black-box"
}

/// A model of the library as the methods see it: a card, an access level, and output
/// probabilities through counted queries. White-box models also give their ``Model``.
public protocol SourceModel: AnyObject {
    var card: ModelCard { get }
    var access: ModelAccess { get }
    /// The queries made so far, and the budget if any.
    var ledger: QueryLedger { get }
    /// Output probabilities (N×classes) for N inputs in [0, 1] shaped like `card.inputShape`;
    /// counts N queries for `purpose`.
    func probabilities(_ inputs: Tensor, for purpose: QueryPurpose) throws -> Tensor
    /// The white-box model, or an error that names the model and says what was refused.
    func whiteBox(for what: String) throws -> Model
}

extension SourceModel {
    public var name: String { card.name }
}
