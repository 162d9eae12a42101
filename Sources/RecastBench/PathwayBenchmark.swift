import Datasets
import Foundation
import ModelHub
import Pathways
import Tensors

/// Hub-Pathway on a mixed target (glyph digits + shapes + textures, disjoint classes) over the
/// default library: the pathway against the best single model and a uniform ensemble, the
/// ablations, the cost of routing (model runs per input, time per epoch relative to dense k = M)
/// and how routing follows the domains. Prints Markdown tables (docs/methods.md) and returns
/// the mean accuracies.
enum PathwayBenchmark {
    static let seeds: [UInt64] = [1, 2, 3]
    /// Training and test images per target class.
    static let trainPerClass = 60
    static let testPerClass = 40
    /// The target's domains, as DefaultLibrary names them.
    static let domains = ["digits", "shapes", "textures"]

    static var section: Benchmark {
        Benchmark(name: "pathway-table", context: context, run: run)
    }

    static func options(seed: UInt64) -> PathwayOptions {
        var options = PathwayOptions()
        options.k = 2
        // Chosen on a validation split of seed 1's training data (never its test data): with
        // the default λ_explore = 0.01, every domain's routing settled on the first model that
        // did well; 0.3 keeps the hub explored. Heads on frozen features need ~20 epochs.
        options.explorationWeight = 0.3
        options.epochs = 20
        options.seed = seed
        return options
    }

    static func context() -> [String] {
        let o = options(seed: 0)
        return [
            "pathway-table: target \(domains.joined(separator: " + ")) (disjoint classes), \(trainPerClass) train "
                + "and \(testPerClass) test images per class, seeds \(seeds.map(String.init).joined(separator: ", "))",
            "options: k \(o.k), noise \(o.noise), exploration \(o.exploration.rawValue) λ \(o.explorationWeight), "
                + "exploitation λ \(o.exploitationWeight), epochs \(o.epochs), batch \(o.batchSize), Adam lr \(o.learningRate), "
                + "generator hidden \(o.generatorHidden)",
            "library: \(DefaultLibrary.directory)",
        ]
    }

    /// The target task of one seed: fresh images (seeds far from the library's training seeds).
    static func target(seed: UInt64) throws -> (train: Dataset, test: Dataset, classDomains: [String]) {
        let perClass = trainPerClass + testPerClass
        let base = 0xD00D_0000 &+ seed &* 97
        let digits = try Glyphs.make(kind: .digits, count: 10 * perClass, seed: base)
        let shapes = try Shapes.make(count: Shapes.classNames.count * perClass, seed: base &+ 1)
        let textures = try Textures.make(count: Textures.classNames.count * perClass, seed: base &+ 2)
        let mixed = try digits.concatenated(with: shapes, classes: .disjoint)
            .concatenated(with: textures, classes: .disjoint)
        let classDomains =
            Array(repeating: "digits", count: digits.classCount)
            + Array(repeating: "shapes", count: shapes.classCount)
            + Array(repeating: "textures", count: textures.classCount)
        let (train, test) = try mixed.split(Double(trainPerClass) / Double(perClass), seed: base &+ 3)
        return (train, test, classDomains)
    }

    /// What one trained variant measured.
    struct Run {
        var accuracy: Double
        /// Test accuracy on each target domain's classes.
        var domainAccuracy: [String: Double]
        var runsPerInput: Double
        var secondsPerEpoch: Double
        var trainable: Int
        /// Black-box training queries per training input and epoch.
        var queriesPerInput: Double?
    }

    /// Test accuracy (overall and per domain), model runs and time per epoch of a trained pathway.
    static func measure(
        _ pathway: HubPathway, on task: (train: Dataset, test: Dataset, classDomains: [String])
    ) throws -> Run {
        let epochs = pathway.history
        let predicted = try pathway.predict(task.test.inputs)
        return Run(
            accuracy: accuracy(predicted, task.test.labels) { _ in true },
            domainAccuracy: Dictionary(
                uniqueKeysWithValues: domains.map { domain in
                    (domain, accuracy(predicted, task.test.labels) { task.classDomains[$0] == domain })
                }),
            runsPerInput: epochs.map(\.modelRunsPerInput).reduce(0, +) / Double(max(epochs.count, 1)),
            secondsPerEpoch: epochs.map(\.seconds).reduce(0, +) / Double(max(epochs.count, 1)),
            trainable: pathway.trainableParameters)
    }

    static func run() throws -> [Measurement] {
        let library = try DefaultLibrary.open()
        let models: [SourceModel] = library.models
        let modelDomains = models.map { model in
            trainedDomains(DefaultLibrary.entries.first { $0.name == model.name }?.domain ?? "")
        }
        var runs: [PathwayVariant: [Run]] = [:]
        var shares: [[String: Double]] = []
        var bestSingleNames: [String] = []
        var blackBox: [Run] = []
        for seed in seeds {
            let task = try target(seed: seed)
            for variant in PathwayVariant.allCases {
                let pathway = try HubPathway.train(variant, models, on: task.train, options: options(seed: seed))
                runs[variant, default: []].append(try measure(pathway, on: task))
                if variant == .bestSingle { bestSingleNames.append(pathway.modelNames.first ?? "?") }
                if variant == .pathway {
                    shares.append(
                        try pathway.routing(task.test).domainShare(
                            classDomains: task.classDomains, modelDomains: modelDomains))
                    if seed == seeds[0] {
                        print("\nRouting of the test inputs (seed \(seed)), mean weight per class and model:\n")
                        print(try pathway.routing(task.test).table)
                        try pathway.plot(figurePath, data: task.test)
                        print("\nfigure (seed \(seed), test inputs): \(figurePath)")
                    }
                }
            }
            // The same pathway over black-box views: heads on the models' probabilities.
            let boxes = try models.map { try library.blackBox(named: $0.name) }
            let pathway = try HubPathway.train(boxes, on: task.train, options: options(seed: seed))
            let trainingQueries = boxes.map { $0.ledger.counts[.training] ?? 0 }.reduce(0, +)
            var run = try measure(pathway, on: task)
            run.queriesPerInput = Double(trainingQueries) / Double(task.train.count * max(pathway.history.count, 1))
            blackBox.append(run)
        }
        printTables(
            runs: runs, blackBox: blackBox, shares: shares, modelNames: models.map(\.name),
            modelDomains: modelDomains, bestSingle: bestSingleNames)
        return PathwayVariant.allCases.map { variant in
            Measurement(
                section: "pathway-table", name: variant.rawValue,
                value: 100 * mean(runs[variant, default: []].map(\.accuracy)), unit: "% test accuracy")
        }
    }

    static func printTables(
        runs: [PathwayVariant: [Run]], blackBox: [Run], shares: [[String: Double]], modelNames: [String],
        modelDomains: [Set<String>], bestSingle: [String]
    ) {
        func row(_ name: String, _ r: [Run]) {
            let values = r.map { 100 * $0.accuracy }
            let each = values.map { String(format: "%.1f", $0) }.joined(separator: " / ")
            let perDomain = domains.map { domain in
                String(format: "%.1f", 100 * mean(r.map { $0.domainAccuracy[domain] ?? 0 }))
            }
            print(
                "| \(name) | " + String(format: "%.1f ± %.1f", mean(values), spread(values)) + " | \(each) | "
                    + "\(perDomain.joined(separator: " | ")) | "
                    + "\(String(format: "%.2f", mean(r.map(\.runsPerInput)))) | \(r.first?.trainable ?? 0) |")
        }
        print(
            "\n| method | test accuracy % (mean ± sd) | per seed | "
                + domains.map { "\($0) %" }.joined(separator: " | ") + " | models run per input | trained values |")
        print("|---|---|---|" + String(repeating: "---|", count: domains.count) + "---|---|")
        for variant in PathwayVariant.allCases {
            let name = variant == .bestSingle ? "best-single (\(bestSingle.joined(separator: ", ")))" : variant.rawValue
            row(name, runs[variant, default: []])
        }
        row("pathway, black-box hub", blackBox)
        print(
            String(
                format: "\nblack-box hub: %.2f training queries per training input and epoch (all models together)",
                mean(blackBox.compactMap(\.queriesPerInput))))
        let dense = mean(runs[.dense, default: []].map(\.secondsPerEpoch))
        print("\n| variant | models run per input | seconds per epoch | time relative to dense k = M |")
        print("|---|---|---|---|")
        for variant in PathwayVariant.allCases {
            let r = runs[variant, default: []]
            let seconds = mean(r.map(\.secondsPerEpoch))
            print(
                "| \(variant.rawValue) | "
                    + String(
                        format: "%.2f | %.3f | %.2f |", mean(r.map(\.runsPerInput)), seconds, seconds / max(dense, 1e-9)))
        }
        print("\n| target domain | own models | share of weight on own models (mean ± sd) | uniform share |")
        print("|---|---|---|---|")
        for domain in domains {
            let own = modelNames.indices.filter { modelDomains[$0].contains(domain) }.map { modelNames[$0] }
            let values = shares.map { 100 * ($0[domain] ?? 0) }
            print(
                "| \(domain) | \(own.joined(separator: ", ")) | "
                    + String(
                        format: "%.1f%% ± %.1f | %.1f%% |", mean(values), spread(values),
                        100 * Double(own.count) / Double(max(modelDomains.count, 1))))
        }
    }

    /// The target domains a library model was trained on: widecnn-glyphs learned digits and
    /// letters; inverted digits are a domain of their own.
    static func trainedDomains(_ libraryDomain: String) -> Set<String> {
        libraryDomain == "glyphs" ? ["digits", "letters"] : [libraryDomain]
    }

    /// Where the routing figure goes: `$RECAST_FIGURES/pathway-routing.png`, else the
    /// temporary directory.
    static var figurePath: String {
        let directory = ProcessInfo.processInfo.environment["RECAST_FIGURES"] ?? NSTemporaryDirectory()
        return (directory as NSString).appendingPathComponent("pathway-routing.png")
    }

    /// The accuracy over the inputs whose label passes `include`.
    static func accuracy(_ predicted: [Int], _ labels: [Int], include: (Int) -> Bool) -> Double {
        let kept = zip(predicted, labels).filter { include($0.1) }
        return kept.isEmpty ? 0 : Double(kept.filter { $0.0 == $0.1 }.count) / Double(kept.count)
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (n − 1).
    static func spread(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
}
