import Datasets
import Foundation
import Tensors

/// The built-in target tasks, defined in one place: three synthetic ones whose relation to the
/// default library is known by construction, and two real ones read from `RECAST_DATA`.
///
/// | name | task | related source models |
/// |---|---|---|
/// | `related` | 26 glyph letters, heavy jitter (2) and pixel noise (0.2) | the letter and glyph models |
/// | `mixed` | 10 glyph digits + 12 shapes, disjoint classes (22) | digit models for half, shape models for the other half |
/// | `unrelated` | which degradation an image got: clean, blurred, noisy, pixelated | none (see below) |
/// | `uci-digits` | the UCI 8×8 digits (upscaled to 28×28 by the input adapter) | the digit models |
/// | `mnist` | MNIST test-set digits | the digit models |
///
/// `unrelated` is a task of a new kind: its images are glyphs, shapes and textures in equal
/// shares in every class, and the label is the degradation applied (none, a Gaussian blur,
/// Gaussian noise, or pixelation by resizing to 10×10 and back). Every source model was trained
/// to name content, never image quality, and content carries no information about the label.
///
/// Every target takes `perClass` images per class (by default 100, and 250 for the 4 classes of
/// `unrelated`), 60 % of each class for training; seeds start at 10,000, apart from the
/// library's training seeds.
public enum BuiltinTargets {
    /// The names ``make(_:perClass:seed:dataFolder:)`` knows.
    public static let names = ["related", "mixed", "unrelated", "uci-digits", "mnist"]
    /// The targets that need no data folder.
    public static let synthetic = ["related", "mixed", "unrelated"]
    /// The share of each class used for training; the rest is the test split.
    public static let trainFraction = 0.6
    /// The default seed of every target.
    public static let defaultSeed: UInt64 = 10_000

    /// The target with this name.
    /// - Parameters:
    ///   - perClass: images per class (training and test together), at least 2; nil takes the
    ///     target's default.
    ///   - dataFolder: the folder holding `mnist/` and `digits/` (default: `RECAST_DATA`),
    ///     needed by `uci-digits` and `mnist` only.
    /// - Throws: ``SelectionError`` for an unknown name, a bad `perClass`, or a real target
    ///   without a data folder; the readers' errors for missing or malformed files.
    public static func make(
        _ name: String, perClass: Int? = nil, seed: UInt64 = defaultSeed,
        dataFolder: String? = ProcessInfo.processInfo.environment["RECAST_DATA"]
    ) throws -> TargetTask {
        switch name {
        case "related": return try related(perClass: perClass ?? 100, seed: seed)
        case "mixed": return try mixed(perClass: perClass ?? 100, seed: seed)
        case "unrelated": return try unrelated(perClass: perClass ?? 250, seed: seed)
        case "uci-digits", "mnist":
            guard let dataFolder else {
                throw SelectionError(
                    "target \"\(name)\": needs the real data folder; set RECAST_DATA to the folder holding mnist/ and digits/")
            }
            return name == "mnist"
                ? try mnist(folder: dataFolder, perClass: perClass ?? 100, seed: seed)
                : try uciDigits(folder: dataFolder, perClass: perClass ?? 100, seed: seed)
        default:
            let known = names.map { "\"\($0)\"" }.joined(separator: ", ")
            throw SelectionError("target: unknown target \"\(name)\" (expected one of \(known))")
        }
    }

    /// Glyph letters A–Z with heavy pose jitter and pixel noise: the letter models are related,
    /// the texture and shape models are not.
    public static func related(perClass: Int = 100, seed: UInt64 = defaultSeed) throws -> TargetTask {
        try check(perClass)
        let letters = try Glyphs.make(kind: .letters, count: 26 * perClass, seed: seed &+ 1, jitter: 2, noise: 0.2)
        return try split(
            letters, name: "related", seed: seed &+ 101,
            summary: "26 glyph letters with heavy jitter and noise; related: letter and glyph models")
    }

    /// Glyph digits and shapes as one 22-class task: no single source model knows both halves.
    public static func mixed(perClass: Int = 100, seed: UInt64 = defaultSeed) throws -> TargetTask {
        try check(perClass)
        let digits = try Glyphs.make(kind: .digits, count: 10 * perClass, seed: seed &+ 2)
        let shapes = try Shapes.make(count: 12 * perClass, seed: seed &+ 3)
        return try split(
            try digits.concatenated(with: shapes, classes: .disjoint), name: "mixed", seed: seed &+ 102,
            summary: "10 glyph digits + 12 shapes (22 classes); related: digit models for one half, shape models for the other")
    }

    /// The degradation an image got, over content drawn equally from every domain: no source
    /// model was trained for anything like it.
    public static func unrelated(perClass: Int = 250, seed: UInt64 = defaultSeed) throws -> TargetTask {
        try check(perClass)
        let degradations: [(name: String, transforms: [Transform])] = [
            ("clean", []),
            ("blurred", [.blur(sigma: 1)]),
            ("noisy", [.noise(sigma: 0.15)]),
            ("pixelated", [.resize(height: 10, width: 10), .resize(height: 28, width: 28)]),
        ]
        var scalars: [Float] = []
        var labels: [Int] = []
        for (label, degradation) in degradations.enumerated() {
            let classSeed = seed &+ 10 &* UInt64(label + 1)
            let shapes = perClass / 3
            let textures = perClass / 3
            let glyphs = perClass - shapes - textures
            let content = try Glyphs.make(kind: .all, count: glyphs, seed: classSeed &+ 4)
                .concatenated(with: try Shapes.make(count: shapes, seed: classSeed &+ 5), classes: .disjoint)
                .concatenated(with: try Textures.make(count: textures, seed: classSeed &+ 6), classes: .disjoint)
            let degraded = try content.transformed(degradation.transforms, seed: classSeed &+ 7)
            scalars += degraded.inputs.scalars
            labels += Array(repeating: label, count: degraded.count)
        }
        let data = try Dataset(
            name: "degradation",
            provenance: "degradation(perClass: \(perClass), seed: \(seed)): glyphs, shapes and textures, "
                + degradations.map { "\($0.name): \($0.transforms.map(\.description))" }.joined(separator: ", "),
            inputs: try Tensor(shape: [labels.count, 1, 28, 28], scalars: scalars), labels: labels,
            classNames: degradations.map(\.name))
        return try split(
            data, name: "unrelated", seed: seed &+ 103,
            summary: "which degradation (clean, blurred, noisy, pixelated) an image of any domain got; related: none")
    }

    /// The UCI 8×8 digits from `folder/digits/digits.csv.gz`, values scaled to [0, 1]; models
    /// see them upscaled to their input size by the input adapter.
    public static func uciDigits(folder: String, perClass: Int = 100, seed: UInt64 = defaultSeed) throws -> TargetTask {
        try check(perClass)
        let path = (folder as NSString).appendingPathComponent("digits/digits.csv.gz")
        let digits = try CSV.readDataset(path: path, shape: [1, 8, 8], scale: 1.0 / 16)
        return try split(
            try digits.subset(perClass: perClass, seed: seed &+ 4), name: "uci-digits", seed: seed &+ 104,
            summary: "UCI 8x8 digits (upscaled by the input adapter); related: digit models")
    }

    /// Digits of the MNIST test set from `folder/mnist/`.
    public static func mnist(folder: String, perClass: Int = 100, seed: UInt64 = defaultSeed) throws -> TargetTask {
        try check(perClass)
        let directory = (folder as NSString).appendingPathComponent("mnist")
        let mnist = try IDX.readDataset(
            images: (directory as NSString).appendingPathComponent("t10k-images-idx3-ubyte.gz"),
            labels: (directory as NSString).appendingPathComponent("t10k-labels-idx1-ubyte.gz"), name: "mnist")
        return try split(
            try mnist.subset(perClass: perClass, seed: seed &+ 5), name: "mnist", seed: seed &+ 105,
            summary: "MNIST test-set digits; related: digit models")
    }

    private static func check(_ perClass: Int) throws {
        guard perClass >= 2 else {
            throw SelectionError("target: perClass must be at least 2 (one training and one test image), got \(perClass)")
        }
    }

    private static func split(_ data: Dataset, name: String, seed: UInt64, summary: String) throws -> TargetTask {
        let (train, test) = try data.split(trainFraction, seed: seed)
        return TargetTask(name: name, summary: summary, train: train, test: test)
    }
}
