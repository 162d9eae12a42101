/// What a query to a model was for; black-box results report queries split this way.
public enum QueryPurpose: String, Sendable, CaseIterable {
    case scoring, training, mapping, evaluation
}

/// Counts queries (one per input row) by purpose, against an optional budget that is never
/// exceeded: a request that would go over is refused whole, before the model runs.
public final class QueryLedger {
    /// The most queries allowed in total, or nil for no limit.
    public let budget: Int?
    private(set) public var counts: [QueryPurpose: Int] = [:]

    public init(budget: Int? = nil) {
        self.budget = budget
    }

    /// All queries so far.
    public var total: Int { counts.values.reduce(0, +) }

    /// Queries left before the budget, or nil for no limit.
    public var remaining: Int? { budget.map { max($0 - total, 0) } }

    /// Records `rows` queries for `purpose`.
    /// - Throws: ``HubError`` (and records nothing) when they would exceed the budget.
    public func spend(_ rows: Int, for purpose: QueryPurpose, model: String) throws {
        if let remaining, rows > remaining {
            throw HubError(
                "\(model): query budget exhausted (\(remaining) of \(budget ?? 0) queries left, \(rows) requested for \(purpose.rawValue))")
        }
        counts[purpose, default: 0] += rows
    }

    /// Forgets the counts (the budget stays).
    public func reset() {
        counts = [:]
    }
}
