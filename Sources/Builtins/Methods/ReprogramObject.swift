import Language
import Reprogramming

/// A reprogrammed model (`reprogrammed`), as `reprogram` returns it.
final class ReprogramObject: HostObject {
    let result: ReprogramResult

    init(_ result: ReprogramResult) {
        self.result = result
    }

    var typeName: String { "reprogrammed" }

    var description: String {
        "reprogrammed '\(result.model.name)': \(result.trainableParameters) trainable values, queries \(result.queries)"
    }

    var help: String? { result.mappingTable.rendered }

    var memberNames: [String] { ["perturbation", "queries", "params", "mapping", "history"] }

    /// Query counts as a dictionary: total, training, mapping, evaluation.
    static func queries(_ q: QueryCounts) -> Value {
        .record([
            "total": .int(q.total), "training": .int(q.training), "mapping": .int(q.mapping),
            "evaluation": .int(q.evaluation),
        ])
    }

    func member(named name: String) throws -> Value? {
        switch name {
        case "perturbation": return .host(TensorObject(try result.perturbation))
        case "queries": return ReprogramObject.queries(result.queries)
        case "params": return .int(result.trainableParameters)
        case "mapping": return .string(result.mappingTable.rendered)
        case "history":
            return .list(result.history.map { e in
                .record([
                    "epoch": .int(e.epoch), "loss": .number(e.loss), "accuracy": .number(e.trainAccuracy),
                    "val_accuracy": e.validationAccuracy.map(Value.number) ?? .nil, "queries": .int(e.queries),
                ])
            })
        default: return nil
        }
    }
}
