import Language
import Selection

/// A ranking of models by a transferability metric (`ranking`), as `select` returns it.
final class RankingObject: HostObject {
    let ranking: Ranking

    init(_ ranking: Ranking) {
        self.ranking = ranking
    }

    var typeName: String { "ranking" }
    var description: String { ranking.table }
    var memberNames: [String] { ["names", "scores", "metric"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "names": return .list(ranking.names.map { Value.string($0) })
        case "scores": return .list(ranking.entries.map { .number($0.score) })
        case "metric": return .string(ranking.metric.name)
        default: return nil
        }
    }
}
