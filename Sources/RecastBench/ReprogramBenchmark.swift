import Datasets
import Foundation
import ModelHub
import Reprogramming
import Tensors

/// Reprogramming against PyTorch on the same weights, data and epochs: the default library's
/// lenet-letters (26 classes) reprogrammed to glyph digits, padding style (inner 20), FLM once,
/// no validation split; white-box Adam (lr 0.01, × 0.1 at 50 % and 72 % of the epochs) and
/// black-box RGF (q 5, β 0.01, Adam on the estimate).
///
/// The section writes the model (safetensors) and the data (NPY) to a temporary folder, runs
/// the protocols in Recast, then runs scripts/bench_peers/reprogram.py on the same files itself
/// (its arguments are those files) and prints the peer's figures as `reprogram-peer <case>
/// <value>` lines, which scripts/bench reads as the peer's column. Seconds are training time:
/// Recast's include the FLM mapping pass, PyTorch's do not.
enum ReprogramBenchmark {
    static var section: Benchmark { Benchmark(name: "reprogram", context: context, run: run) }

    static let modelName = "lenet-letters"
    static let trainCount = 1000
    static let testCount = 1000
    static let epochs = 10
    static let inner = 20
    static let batch = 64
    static let directions = 5
    static let smoothing: Float = 0.01
    static let learningRate: Float = 0.01
    static let seed: UInt64 = 0
    static let peer = "scripts/bench_peers/reprogram.py"

    static func context() -> [String] {
        [
            "Recast: \(modelName) → glyph digits, \(trainCount) train / \(testCount) test, \(epochs) epochs, "
                + "pad inner \(inner), FLM, batch \(batch), lr \(learningRate); rgf q \(directions) β \(smoothing); "
                + "seconds: training (Recast's include the mapping pass)"
        ]
    }

    static func run() throws -> [Measurement] {
        let model = try DefaultLibrary.open().model(named: modelName)
        let data = try Glyphs.make(kind: .digits, count: trainCount + testCount, seed: 2024)
        let (train, test) = try data.split(Double(trainCount) / Double(data.count), seed: 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recast-bench-reprogram-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try model.save(path: path("model.safetensors"))
        try NPY.write(train.inputs, path: path("train-x.npy"))
        try NPY.writeIntegers(train.labels, shape: [train.count], path: path("train-y.npy"))
        try NPY.write(test.inputs, path: path("test-x.npy"))
        try NPY.writeIntegers(test.labels, shape: [test.count], path: path("test-y.npy"))

        var figures: [Measurement] = []
        for whiteBox in [true, false] {
            let name = whiteBox ? "whitebox" : "rgf"
            var options = ReprogramOptions()
            options.style = .pad(inner: inner)
            options.mapping = .frequency
            options.optimizer = whiteBox ? .adam : .rgf
            options.epochs = epochs
            options.batchSize = batch
            options.learningRate = learningRate
            options.directions = directions
            options.smoothing = smoothing
            options.validationFraction = 0
            options.seed = seed
            let source: SourceModel = whiteBox ? model : try BlackBoxModel(model)
            let clock = ContinuousClock()
            var trained: ReprogramResult?
            let elapsed = try clock.measure { trained = try Reprogrammer.train(source, on: train, options: options) }
            guard let result = trained else { continue }
            let accuracy = try result.accuracy(test)
            figures.append(Measurement(section: "reprogram", name: "\(name)_accuracy", value: 100 * accuracy, unit: "%"))
            figures.append(Measurement(section: "reprogram", name: "\(name)_seconds", value: seconds(elapsed), unit: "s"))
            if !whiteBox {
                for (purpose, count) in [("training", result.queries.training), ("mapping", result.queries.mapping),
                                         ("evaluation", result.queries.evaluation)] {
                    figures.append(
                        Measurement(section: "reprogram", name: "rgf_queries_\(purpose)", value: Double(count), unit: "queries"))
                }
            }
            let mapping = result.mapping.assignment.enumerated().map { "\($0.offset):\($0.element[0])" }.joined(separator: ",")
            note("Recast \(name) mapping \(mapping)")
            figures += try runPeer(name, files: path, mapping: mapping)
        }
        return figures
    }

    /// Runs the PyTorch peer on the files and returns its figures as `reprogram-peer` lines;
    /// none when python3, torch or the script is missing (said on standard error).
    static func runPeer(_ name: String, files path: (String) -> String, mapping: String) throws -> [Measurement] {
        guard FileManager.default.fileExists(atPath: peer) else {
            note("peer: \(peer) not found (run RecastBench from the repository root)")
            return []
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", peer, "--model", path("model.safetensors"), "--train-x", path("train-x.npy"),
            "--train-y", path("train-y.npy"), "--test-x", path("test-x.npy"), "--test-y", path("test-y.npy"),
            "--protocol", name, "--epochs", "\(epochs)", "--inner", "\(inner)", "--batch", "\(batch)",
            "--seed", "\(seed)", "--q", "\(directions)", "--beta", "\(smoothing)", "--lr", "\(learningRate)",
        ]
        // numpy's and torch's wheels bring their own BLAS; settings for Debian's do not apply.
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            note("peer: cannot run python3 (\(error))")
            return []
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            note("peer: \(peer) exited with status \(process.terminationStatus)")
            return []
        }
        var figures: [Measurement] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if line.hasPrefix("#") || line.hasPrefix("skipped") {
                note("peer: \(line)")
            } else if fields.count == 2, fields[0] == "mapping" {
                note("PyTorch \(name) mapping \(fields[1])\(fields[1] == mapping ? " (the same)" : " (DIFFERENT)")")
            } else if fields.count == 2, let value = Double(fields[1]),
                ["test_accuracy", "seconds"].contains(fields[0]) || fields[0].hasPrefix("queries_") {
                let accuracy = fields[0] == "test_accuracy"
                figures.append(
                    Measurement(
                        section: "reprogram-peer", name: "\(name)_\(accuracy ? "accuracy" : fields[0])",
                        value: accuracy ? 100 * value : value, unit: accuracy ? "%" : ""))
            }
        }
        return figures
    }

    /// A line of context on standard error (standard output holds only figures).
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("# \(text)\n".utf8))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
