import ModelHub

/// Queries (input rows sent to a source model) by purpose: training steps (every zeroth-order
/// probe counts), label mapping, and evaluation (the validation split and any later accuracy or
/// prediction).
public struct QueryCounts: Equatable, Sendable, Codable, CustomStringConvertible {
    public var training = 0
    public var mapping = 0
    public var evaluation = 0

    public init(training: Int = 0, mapping: Int = 0, evaluation: Int = 0) {
        self.training = training
        self.mapping = mapping
        self.evaluation = evaluation
    }

    /// All queries.
    public var total: Int { training + mapping + evaluation }

    /// The count for one purpose (scoring is not a reprogramming purpose and stays 0).
    public subscript(purpose: QueryPurpose) -> Int {
        get {
            switch purpose {
            case .training: return training
            case .mapping: return mapping
            case .evaluation: return evaluation
            case .scoring: return 0
            }
        }
        set {
            switch purpose {
            case .training: training = newValue
            case .mapping: mapping = newValue
            case .evaluation: evaluation = newValue
            case .scoring: break
            }
        }
    }

    public var description: String {
        "\(total) queries (training \(training), mapping \(mapping), evaluation \(evaluation))"
    }
}
