import Datasets
import Foundation
import Learning
import Tensors

/// The library Recast builds on first use, with no download: source models of three
/// architectures trained on the built-in synthetic domains and their variants, so that for the
/// built-in target tasks some models are clearly related and others clearly not.
///
/// Built deterministically from a seed into `RECAST_HOME/library-v1` (default
/// `~/.cache/recast`); docs/library.md documents every model.
public enum DefaultLibrary {
    /// One source model of the default library.
    public struct Entry: Sendable {
        public var name: String
        /// A preset or spec; presets get `classes=N` from the data.
        public var architecture: String
        public var domain: String
        public var sourceTask: String
        public var epochs: Int
        public var trainCount: Int
    }

    /// The version folder; bump it when the entries or their training change.
    public static let version = "library-v1"

    /// The models of the default library.
    public static let entries: [Entry] = [
        Entry(name: "lenet-digits", architecture: "lenet5", domain: "digits",
              sourceTask: "glyph digits 0-9", epochs: 4, trainCount: 6000),
        Entry(name: "lenet-digits-inverted", architecture: "lenet5", domain: "digits-inverted",
              sourceTask: "glyph digits 0-9, inverted (light background)", epochs: 4, trainCount: 6000),
        Entry(name: "mlp-digits", architecture: "mlp", domain: "digits",
              sourceTask: "glyph digits 0-9", epochs: 4, trainCount: 6000),
        Entry(name: "lenet-letters", architecture: "lenet5", domain: "letters",
              sourceTask: "glyph letters A-Z", epochs: 4, trainCount: 7800),
        Entry(name: "lenet-letters-thick", architecture: "lenet5", domain: "letters-thick",
              sourceTask: "glyph letters A-Z, thick noisy strokes", epochs: 4, trainCount: 7800),
        Entry(name: "widecnn-glyphs", architecture: "widecnn", domain: "glyphs",
              sourceTask: "glyph digits and letters, 36 classes", epochs: 3, trainCount: 9000),
        Entry(name: "lenet-shapes", architecture: "lenet5", domain: "shapes",
              sourceTask: "geometric shapes", epochs: 4, trainCount: 6000),
        Entry(name: "mlp-shapes", architecture: "mlp", domain: "shapes",
              sourceTask: "geometric shapes", epochs: 4, trainCount: 6000),
        Entry(name: "lenet-textures", architecture: "lenet5", domain: "textures",
              sourceTask: "textures", epochs: 4, trainCount: 6000),
        Entry(name: "mlp-textures", architecture: "mlp", domain: "textures",
              sourceTask: "textures", epochs: 4, trainCount: 6000),
    ]

    /// The folder the default library lives in: `$RECAST_HOME/library-v1`.
    public static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["RECAST_HOME"]
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".cache/recast")
        return (home as NSString).appendingPathComponent(version)
    }

    /// The data of a built-in source domain (28×28 gray), `count` images from `seed`.
    public static func domain(_ name: String, count: Int, seed: UInt64) throws -> Dataset {
        switch name {
        case "digits": return try Glyphs.make(kind: .digits, count: count, seed: seed)
        case "digits-inverted":
            return try Glyphs.make(kind: .digits, count: count, seed: seed).transformed(.invert, seed: seed)
        case "letters": return try Glyphs.make(kind: .letters, count: count, seed: seed)
        case "letters-thick":
            return try Glyphs.make(kind: .letters, count: count, seed: seed, thickness: 1.8, noise: 0.1)
        case "glyphs": return try Glyphs.make(kind: .all, count: count, seed: seed)
        case "shapes": return try Shapes.make(count: count, seed: seed)
        case "textures": return try Textures.make(count: count, seed: seed)
        default:
            throw HubError("default library: unknown domain '\(name)'")
        }
    }

    /// Opens the default library, building it first when it is missing or incomplete.
    public static func open(seed: UInt64 = 0, shouldStop: () -> Bool = { false }) throws -> ModelLibrary {
        let directory = self.directory
        let library = (try? ModelLibrary.open(directory)) ?? ModelLibrary(directory: directory, models: [])
        let present = Set(library.models.map(\.card.name))
        let missing = entries.filter { !present.contains($0.name) }
        guard !missing.isEmpty else { return library }
        if ProgressBar.isEnabled {
            FileHandle.standardError.write(Data("building the default model library in \(directory) (first use only)\n".utf8))
        }
        for entry in missing {
            if shouldStop() { throw HubError("default library: interrupted while building (models built so far are kept)") }
            try library.add(try train(entry, seed: seed, shouldStop: shouldStop))
        }
        return library
    }

    /// Trains one entry on its domain and measures its held-out accuracy.
    public static func train(_ entry: Entry, seed: UInt64, shouldStop: () -> Bool = { false }) throws -> Model {
        let entrySeed = seed &+ UInt64(entries.firstIndex { $0.name == entry.name } ?? 0) &* 1000
        let data = try domain(entry.domain, count: entry.trainCount + 1000, seed: entrySeed)
        let (train, test) = try data.split(Double(entry.trainCount) / Double(data.count), seed: entrySeed &+ 1)
        let spec = try Architecture.expandPreset("\(entry.architecture) classes=\(data.classCount)")
        let network = try Architecture.parse(spec, seed: entrySeed &+ 2)
        var options = TrainingOptions()
        options.epochs = entry.epochs
        options.batchSize = 64
        options.learningRate = 2e-3
        options.seed = entrySeed &+ 3
        options.label = entry.name
        let history = try Trainer.fit(network, inputs: train.inputs, labels: train.labels, options: options, shouldStop: shouldStop)
        if history.interrupted {
            throw HubError("default library: interrupted while training '\(entry.name)' (models built so far are kept)")
        }
        let accuracy = try Trainer.evaluate(network, inputs: test.inputs, labels: test.labels).accuracy
        let card = ModelCard(
            name: entry.name, architecture: spec, sourceTask: entry.sourceTask, classNames: data.classNames,
            inputShape: data.inputShape, heldOutAccuracy: accuracy)
        return try Model(card: card, network: network)
    }
}
