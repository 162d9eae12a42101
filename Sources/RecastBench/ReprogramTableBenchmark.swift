import Datasets
import Foundation
import ModelHub
import Reprogramming
import Tensors

/// The comparison table of docs/methods-reprogramming.md: for two source/target pairs of the
/// default library and the built-in domains, the test accuracy (mean ± standard deviation over
/// three seeds) of the baselines and of every reprogramming variant, with the queries of the
/// training run and the trainable parameters.
///
/// Prints one `reprogram-table <pair>_<method> <mean accuracy %>` line per cell and, on standard
/// error, the Markdown table (`RecastBench reprogram-table 2> table.md`).
enum ReprogramTableBenchmark {
    static var section: Benchmark { Benchmark(name: "reprogram-table", context: context, run: run) }

    /// A source model and a target task made from a seed.
    struct Pair: Sendable {
        let model: String
        let target: String
        let make: @Sendable (UInt64) throws -> Dataset
    }

    static let perClass = 50
    static let pairs = [
        Pair(model: "lenet-letters", target: "glyph digits") {
            try Glyphs.make(kind: .digits, count: 2 * perClass * 10, seed: $0)
        },
        Pair(model: "lenet-letters-thick", target: "shapes") {
            try Shapes.make(count: 2 * perClass * 12, seed: $0)
        },
    ]
    static let seeds: [UInt64] = [0, 1, 2]
    static let epochs = 10
    static let budget = 30_000

    /// One row of the table.
    enum Method: Sendable {
        case baseline(Baseline)
        /// Reprogramming with a style, a mapping and an optimizer (black-box for RGF and
        /// SPSA-GC, under the budget).
        case reprogram(InputTransform.Style, LabelMapping.Kind, ReprogramOptions.OptimizerKind)
    }

    static let methods: [(name: String, access: String, method: Method)] = [
        ("scratch (same architecture)", "-", .baseline(.scratch)),
        ("linear probe", "white-box", .baseline(.linearProbe)),
        ("probability head", "black-box", .baseline(.probabilityHead)),
        ("full + RLM, Adam", "white-box", .reprogram(.full, .random, .adam)),
        ("full + FLM, Adam", "white-box", .reprogram(.full, .frequency, .adam)),
        ("full + ILM, Adam", "white-box", .reprogram(.full, .iterative, .adam)),
        ("full + many-to-one (m = 2), Adam", "white-box", .reprogram(.full, .manyToOne(2), .adam)),
        ("frame 4 + ILM, Adam", "white-box", .reprogram(.frame(width: 4), .iterative, .adam)),
        ("full + FLM, RGF", "black-box", .reprogram(.full, .frequency, .rgf)),
        ("full + FLM, SPSA-GC", "black-box", .reprogram(.full, .frequency, .spsaGC)),
    ]

    static func context() -> [String] {
        [
            "Recast: \(perClass) train and \(perClass) test images per class; seeds \(seeds); reprogramming: sigmoid "
                + "bound, lr 0.05 (Adam; RGF's Adam), \(epochs) epochs, batch 32, 10 % validation split; black-box: q 5, "
                + "budget \(budget) queries; baselines: \(BaselineOptions().epochs) epochs"
        ]
    }

    static func run() throws -> [Measurement] {
        let library = try DefaultLibrary.open()
        var figures: [Measurement] = []
        var table = [
            "| source → target | method | access | accuracy % (mean ± sd, 3 seeds) | queries | trainable parameters |",
            "|---|---|---|---|---|---|",
        ]
        let clock = ContinuousClock()
        let started = clock.now
        for (index, pair) in pairs.enumerated() {
            let model = try library.model(named: pair.model)
            let (train, test) = try pair.make(100).split(0.5, seed: 101)
            for row in methods {
                let outcomes = try seeds.map { try measure(row.method, model: model, train: train, test: test, seed: $0) }
                let accuracies = outcomes.map { 100 * $0.accuracy }
                let mean = accuracies.reduce(0, +) / Double(accuracies.count)
                let spread = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(accuracies.count - 1)).squareRoot()
                let queries = outcomes.map(\.queries).reduce(0, +) / outcomes.count
                table.append(
                    "| \(pair.model) → \(pair.target) | \(row.name) | \(row.access) | "
                        + String(format: "%.1f ± %.1f", mean, spread) + " | \(queries == 0 ? "-" : String(queries)) | "
                        + "\(outcomes[0].parameters) |")
                let slug = row.name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "," }
                    .replacingOccurrences(of: ",", with: "_")
                figures.append(Measurement(section: "reprogram-table", name: "\(index + 1)_\(slug)", value: mean, unit: "%"))
                FileHandle.standardError.write(Data("# \(table[table.count - 1])\n".utf8))
            }
        }
        let elapsed = clock.now - started
        FileHandle.standardError.write(Data(("\n" + table.joined(separator: "\n") + "\n").utf8))
        figures.append(
            Measurement(
                section: "reprogram-table", name: "seconds",
                value: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, unit: "s"))
        return figures
    }

    /// Test accuracy, queries of the training run, and trainable parameters of one method.
    static func measure(
        _ method: Method, model: Model, train: Dataset, test: Dataset, seed: UInt64
    ) throws -> (accuracy: Double, queries: Int, parameters: Int) {
        switch method {
        case .baseline(let baseline):
            var options = BaselineOptions()
            options.seed = seed
            let source: SourceModel = baseline == .probabilityHead ? try BlackBoxModel(model) : model
            let result = try baseline.run(source, train: train, test: test, options: options)
            return (result.accuracy, result.queries.training, result.trainableParameters)
        case .reprogram(let style, let mapping, let optimizer):
            var options = ReprogramOptions()
            options.style = style
            options.mapping = mapping
            options.optimizer = optimizer
            options.learningRate = 0.05
            options.epochs = epochs
            options.batchSize = 32
            options.seed = seed
            let source: SourceModel
            if optimizer == .adam {
                source = model
            } else {
                options.budget = budget
                source = try BlackBoxModel(model)
            }
            let result = try Reprogrammer.train(source, on: train, options: options)
            let queries = result.queries.total
            return (try result.accuracy(test), queries, result.trainableParameters)
        }
    }
}
