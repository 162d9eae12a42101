import Language
import Selection

/// Greedy forward selection's result (`subset`), as `greedy` returns it.
final class SubsetObject: HostObject {
    let subset: SubsetSelection

    init(_ subset: SubsetSelection) {
        self.subset = subset
    }

    var typeName: String { "subset" }
    var description: String { subset.table }
    var memberNames: [String] { ["models", "names", "scores", "queries"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "models": return .list(subset.models.map { Value.host(ModelObject($0)) })
        case "names": return .list(subset.names.map { Value.string($0) })
        case "scores": return .list(subset.steps.map { .number($0.score) })
        case "queries": return .int(subset.queries)
        default: return nil
        }
    }
}

/// Each model's accuracy after transfer (`groundtruth`), as `groundtruth` returns it.
final class GroundTruthObject: HostObject {
    let truth: GroundTruth

    init(_ truth: GroundTruth) {
        self.truth = truth
    }

    var typeName: String { "groundtruth" }
    var description: String { truth.table }
    var memberNames: [String] { ["accuracies", "names", "method"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "accuracies":
            return .record(truth.entries.map { ($0.name, Value.number($0.accuracy)) })
        case "names": return .list(truth.entries.map { Value.string($0.name) })
        case "method": return .string(truth.method.rawValue)
        default: return nil
        }
    }
}

/// A subset of models transferred with few trainable parameters (`recycled`), as `recycle`
/// returns it.
final class RecycledObject: HostObject {
    let result: RecycleResult

    init(_ result: RecycleResult) {
        self.result = result
    }

    var typeName: String { "recycled" }
    var description: String { result.description }
    var memberNames: [String] { ["method", "models", "params", "queries", "seconds", "test_accuracy", "mixing", "history"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "method": return .string(result.method.rawValue)
        case "models": return .list(result.models.map { Value.string($0.name) })
        case "params": return .int(result.trainableParameters)
        case "queries": return .int(result.totalQueries)
        case "seconds": return .number(result.seconds)
        case "test_accuracy": return result.testAccuracy.map(Value.number) ?? .nil
        case "mixing":
            guard let weights = result.mixingWeights else { return .nil }
            return .record(weights.map { ($0.name, Value.number($0.weight)) })
        case "history": return .host(HistoryObject(result.history))
        default: return nil
        }
    }
}
