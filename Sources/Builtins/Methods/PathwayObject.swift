import Language
import Pathways

/// A trained Hub-Pathway (`pathway`), as `pathway` returns it.
final class PathwayObject: HostObject {
    let pathway: HubPathway

    init(_ pathway: HubPathway) {
        self.pathway = pathway
    }

    var typeName: String { "pathway" }

    var description: String {
        "pathway over \(pathway.modelNames.joined(separator: ", ")) (k = \(pathway.options.k)): \(pathway.trainableParameters) trainable parameters"
    }

    var memberNames: [String] { ["models", "params", "history", "runs", "k"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "models": return .list(pathway.modelNames.map { Value.string($0) })
        case "params": return .int(pathway.trainableParameters)
        case "k": return .int(pathway.options.k)
        case "runs": return .record(pathway.modelRuns.map { ($0.model, Value.int($0.runs)) })
        case "history":
            return .list(pathway.history.map { e in
                .record(["epoch": .int(e.epoch), "loss": .number(e.loss), "accuracy": .number(e.trainAccuracy)])
            })
        default: return nil
        }
    }
}
