import Language
import ModelHub

/// A model library in the language (`hub`): prints as a table, indexes by name (`lib["lenet-digits"]`),
/// iterates over its models. Its methods are in ``ModelLibraryBuiltins``.
final class LibraryObject: HostObject {
    let library: ModelLibrary

    init(_ library: ModelLibrary) {
        self.library = library
    }

    var typeName: String { "hub" }

    var description: String { library.table }

    var memberNames: [String] { ["names", "models", "directory"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "names": return .list(library.models.map { Value.string($0.card.name) })
        case "models": return .list(library.models.map { Value.host(ModelObject($0)) })
        case "directory": return .string(library.directory)
        default: return nil
        }
    }

    subscript(indices: [IndexArgument]) -> Value {
        get throws {
            guard indices.count == 1, case .value(let key) = indices[0] else {
                throw ScriptError("hub: index with one model name or position, e.g. lib[\"lenet-digits\"] or lib[0]")
            }
            if let name = key.string { return .host(ModelObject(try library.model(named: name))) }
            guard let position = key.integer else {
                throw ScriptError("hub: index with a model name or position, got \(key.typeName)")
            }
            let index = try IndexArgument.position(position, count: library.models.count, in: "hub")
            return .host(ModelObject(library.models[index]))
        }
    }

    var count: Int? { library.models.count }

    func makeIterator() throws -> (() throws -> Value?)? {
        var models = library.models.makeIterator()
        return { models.next().map { .host(ModelObject($0)) } }
    }
}
