import Language
import Learning
import ModelHub
import Tensors

/// A model in the language (`model`): white-box or black-box, with its card, queries and, for
/// white-box models, its network. Its methods are in ``ModelLibraryBuiltins``.
final class ModelObject: HostObject {
    let model: SourceModel

    init(_ model: SourceModel) {
        self.model = model
    }

    var typeName: String { "model" }

    var description: String {
        let card = model.card
        var text = "model '\(card.name)' (\(model.access.rawValue)): \(card.classCount) classes, input \(card.inputShape.map(String.init).joined(separator: "×"))"
        if let white = model as? Model { text += ", \(white.parameterCount) parameters" }
        if let budget = model.ledger.budget { text += ", \(model.ledger.total)/\(budget) queries" }
        return text
    }

    var help: String? { "source task: \(model.card.sourceTask)\narchitecture: \(model.card.architecture)" }

    var memberNames: [String] {
        ["name", "architecture", "source_task", "classes", "class_count", "input_shape", "access", "params",
         "queries", "budget", "held_out_accuracy"]
    }

    func member(named name: String) throws -> Value? {
        let card = model.card
        switch name {
        case "name": return .string(card.name)
        case "architecture": return .string(card.architecture)
        case "source_task": return .string(card.sourceTask)
        case "classes": return .list(card.classNames.map { Value.string($0) })
        case "class_count": return .int(card.classCount)
        case "input_shape": return .list(card.inputShape.map { Value.int($0) })
        case "access": return .string(model.access.rawValue)
        case "params": return .int(try model.whiteBox(for: "its parameter count").parameterCount)
        case "queries": return ModelObject.queries(model.ledger.counts)
        case "budget": return model.ledger.budget.map { .int($0) } ?? .nil
        case "held_out_accuracy": return card.heldOutAccuracy.map { .number($0) } ?? .nil
        default: return nil
        }
    }

    /// Query counts as a dictionary `["total": …, "training": …, …]`.
    static func queries(_ counts: [QueryPurpose: Int]) -> Value {
        var entries: [(DictionaryKey, Value)] = [(.string("total"), .int(counts.values.reduce(0, +)))]
        for purpose in QueryPurpose.allCases {
            if let n = counts[purpose] { entries.append((.string(purpose.rawValue), .int(n))) }
        }
        return .dictionary(DictionaryObject(entries))
    }
}
