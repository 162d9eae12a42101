import Foundation

/// What a model file says about its model: name, architecture, source task, classes, input
/// shape and normalisation. Stored as the `recast.*` keys of a safetensors file's metadata
/// (docs/formats.md).
public struct ModelCard: Equatable, Sendable {
    public var name: String
    /// The one-line architecture spec (see `Architecture`).
    public var architecture: String
    /// A sentence on what the model was trained on.
    public var sourceTask: String
    public var classNames: [String]
    /// The shape of one input, C×H×W (or D for vectors).
    public var inputShape: [Int]
    /// Per-channel normalisation applied to [0, 1] inputs before the network.
    public var mean: [Float]
    public var std: [Float]
    /// Accuracy on the source task's held-out split, when known.
    public var heldOutAccuracy: Double?

    public init(
        name: String, architecture: String, sourceTask: String, classNames: [String],
        inputShape: [Int], mean: [Float] = [0], std: [Float] = [1], heldOutAccuracy: Double? = nil
    ) {
        self.name = name
        self.architecture = architecture
        self.sourceTask = sourceTask
        self.classNames = classNames
        self.inputShape = inputShape
        self.mean = mean
        self.std = std
        self.heldOutAccuracy = heldOutAccuracy
    }

    /// The number of source classes.
    public var classCount: Int { classNames.count }

    /// The card as safetensors metadata (string values, JSON where structured).
    public var metadata: [String: String] {
        var m: [String: String] = [
            "recast.name": name,
            "recast.architecture": architecture,
            "recast.source_task": sourceTask,
            "recast.class_names": ModelCard.json(classNames),
            "recast.input_shape": ModelCard.json(inputShape),
            "recast.normalization": ModelCard.json(["mean": mean, "std": std]),
        ]
        if let heldOutAccuracy { m["recast.held_out_accuracy"] = String(heldOutAccuracy) }
        return m
    }

    /// Reads a card from safetensors metadata; `file` names the source in errors.
    public init(metadata m: [String: String], file: String) throws {
        func field(_ key: String) throws -> String {
            guard let value = m[key] else {
                throw HubError("\(file): metadata has no '\(key)' (expected a Recast model file; see docs/formats.md)")
            }
            return value
        }
        func decode<T: Decodable>(_ key: String, as type: T.Type) throws -> T {
            let text = try field(key)
            guard let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else {
                throw HubError("\(file): metadata '\(key)' is not valid (got \(text.prefix(80)))")
            }
            return value
        }
        let normalization = try decode("recast.normalization", as: [String: [Float]].self)
        self.init(
            name: try field("recast.name"), architecture: try field("recast.architecture"),
            sourceTask: m["recast.source_task"] ?? "",
            classNames: try decode("recast.class_names", as: [String].self),
            inputShape: try decode("recast.input_shape", as: [Int].self),
            mean: normalization["mean"] ?? [0], std: normalization["std"] ?? [1],
            heldOutAccuracy: m["recast.held_out_accuracy"].flatMap(Double.init))
        guard !classNames.isEmpty, !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw HubError("\(file): metadata needs at least one class and a positive input shape")
        }
        guard mean.count == std.count, std.allSatisfy({ $0 > 0 }) else {
            throw HubError("\(file): normalization needs as many means as stds, all stds positive")
        }
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }
}
