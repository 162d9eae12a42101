import Foundation
import Learning
import Tensors

/// A directory of model files: the library the methods select from, reprogram and route over.
///
/// ```
/// let lib = try ModelLibrary.open("models/")
/// print(lib.table)                   // name, architecture, source task, classes, params, access
/// let m = try lib.model(named: "lenet-digits")
/// let bb = try lib.blackBox(named: "lenet-digits", budget: 10_000)
/// ```
public final class ModelLibrary {
    /// The directory the library reads and writes.
    public let directory: String
    /// The models, sorted by name.
    public private(set) var models: [Model]

    /// A library over `models` kept in `directory`.
    public init(directory: String, models: [Model]) {
        self.directory = directory
        self.models = models.sorted { $0.card.name < $1.card.name }
    }

    /// Opens every `*.safetensors` file in `directory` (which must exist).
    /// - Throws: ``HubError`` naming a missing directory, or the first malformed file.
    public static func open(_ directory: String) throws -> ModelLibrary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw HubError("hub: '\(directory)' is not a directory of model files")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".safetensors") }.sorted()
        let models = try names.map { try Model.load(path: (directory as NSString).appendingPathComponent($0)) }
        return ModelLibrary(directory: directory, models: models)
    }

    /// The model with this name.
    /// - Throws: ``HubError`` listing the names that exist.
    public func model(named name: String) throws -> Model {
        guard let model = models.first(where: { $0.card.name == name }) else {
            throw HubError(
                "hub: no model named '\(name)' (models: \(models.map(\.card.name).joined(separator: ", ")))")
        }
        return model
    }

    /// A black-box view of the named model, with its own query ledger.
    public func blackBox(named name: String, budget: Int? = nil, topK: Int? = nil) throws -> BlackBoxModel {
        try BlackBoxModel(try model(named: name), budget: budget, topK: topK)
    }

    /// Adds a model (replacing one of the same name) and writes it to the directory.
    public func add(_ model: Model) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try model.save(path: path(for: model.card.name))
        models.removeAll { $0.card.name == model.card.name }
        models.append(model)
        models.sort { $0.card.name < $1.card.name }
    }

    /// The file a model of this name is stored in.
    public func path(for name: String) -> String {
        (directory as NSString).appendingPathComponent("\(name).safetensors")
    }

    /// The library as a text table: name, architecture, source task, classes, parameters, access.
    public var table: String {
        let header = ["name", "architecture", "source task", "classes", "params", "access"]
        let rows = models.map { m in
            [
                m.card.name, ModelLibrary.shortArchitecture(m.card), m.card.sourceTask,
                String(m.card.classCount), String(m.parameterCount), m.access.rawValue,
            ]
        }
        return TextTable(header: header, rows: rows).rendered
    }

    /// A preset's name when the architecture is a preset (for the card's classes), else the
    /// spec cut to a readable length.
    static func shortArchitecture(_ card: ModelCard) -> String {
        let spec = card.architecture
        for name in Architecture.presets.keys.sorted()
        where (try? Architecture.expandPreset("\(name) classes=\(card.classCount)")) == spec {
            return name
        }
        return spec.count <= 32 ? spec : String(spec.prefix(29)) + "..."
    }
}
