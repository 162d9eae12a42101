import Foundation
import Learning
import Tensors

/// LeNet-5 training and inference throughput (samples/s) on random 28×28 inputs with Adam and
/// cross-entropy, the protocol of scripts/bench_peers/lenet.py; and the process's peak memory.
enum LeNetBenchmark {
    static var section: Benchmark { Benchmark(name: "lenet", context: context, run: run) }

    static func context() -> [String] {
        ["Recast: LeNet-5 \(Architecture.presets["lenet5"] ?? ""), Adam lr 1e-3, random data"]
    }

    static func run() throws -> [Measurement] {
        var figures: [Measurement] = []
        for batch in [32, 128] {
            figures.append(
                Measurement(
                    section: "lenet", name: "train_samples_per_s_b\(batch)",
                    value: try trainingThroughput(batch: batch), unit: "samples/s"))
        }
        figures.append(
            Measurement(
                section: "lenet", name: "infer_samples_per_s_b128", value: try inferenceThroughput(batch: 128),
                unit: "samples/s"))
        figures.append(Measurement(section: "lenet", name: "peak_rss_mb", value: peakMemoryMB(), unit: "MB"))
        return figures
    }

    static func trainingThroughput(batch: Int) throws -> Double {
        let network = try Architecture.parse("lenet5", seed: 1)
        var rng = Random(seed: 2)
        let x = rng.uniform([batch, 1, 28, 28])
        let y = (0..<batch).map { _ in rng.nextInt(below: 10) }
        let optimizer = Adam(network.parameters, learningRate: 1e-3)
        func step() throws {
            optimizer.zeroGrad()
            try crossEntropy(logits: try network(x), labels: y).backward()
            try optimizer.step()
        }
        return try throughput(batch: batch, step)
    }

    static func inferenceThroughput(batch: Int) throws -> Double {
        let network = try Architecture.parse("lenet5", seed: 1)
        var rng = Random(seed: 3)
        let x = rng.uniform([batch, 1, 28, 28])
        return try throughput(batch: batch) { _ = try withNoGrad { try network(x) } }
    }

    /// Samples per second over at least two seconds of steps, after a warm-up.
    static func throughput(batch: Int, _ step: () throws -> Void) throws -> Double {
        for _ in 0..<5 { try step() }
        let clock = ContinuousClock()
        var steps = 0
        let start = clock.now
        while clock.now - start < .seconds(2) {
            try step()
            steps += 1
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(steps * batch) / seconds
    }

    /// Peak resident memory of this process in MB (getrusage's ru_maxrss is in KB on Linux).
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
