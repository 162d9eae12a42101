import Testing
@testable import Learning
@testable import Tensors

@Suite struct TrainerTests {
    /// Two Gaussian blobs in 2-D, labels 0 and 1.
    func blobs(_ n: Int, seed: UInt64) throws -> (Tensor, [Int]) {
        var rng = Random(seed: seed)
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<n {
            let label = i % 2
            values += [rng.nextNormal() * 0.5 + (label == 0 ? -1 : 1), rng.nextNormal() * 0.5]
            labels.append(label)
        }
        return (try Tensor(shape: [n, 2], scalars: values), labels)
    }

    @Test func testFit_learnsSeparableBlobs() throws {
        let (x, y) = try blobs(400, seed: 1)
        let net = try Architecture.parse("linear(2,16) relu linear(16,2)", seed: 2)
        var options = TrainingOptions()
        options.epochs = 5
        options.batchSize = 32
        options.learningRate = 0.05
        let history = try Trainer.fit(net, inputs: x, labels: y, options: options, validation: (x, y))
        #expect(history.epochs.count == 5)
        #expect(history.epochs[4].loss < history.epochs[0].loss)
        let result = try Trainer.evaluate(net, inputs: x, labels: y)
        #expect(result.accuracy > 0.95)
        #expect(result.confusion.flatMap { $0 }.reduce(0, +) == 400)
        #expect(history.epochs[4].validationAccuracy == result.accuracy)
    }

    @Test func testFit_interruptKeepsTheModelTrainedSoFar() throws {
        let (x, y) = try blobs(200, seed: 3)
        let net = try Architecture.parse("linear(2,2)", seed: 4)
        let before = net.parameters[0].value.scalars
        var options = TrainingOptions()
        options.epochs = 100
        options.batchSize = 10
        var batches = 0
        let history = try Trainer.fit(net, inputs: x, labels: y, options: options) {
            batches += 1
            return batches > 5
        }
        #expect(history.interrupted)
        #expect(history.epochs.isEmpty)
        #expect(net.parameters[0].value.scalars != before)
        #expect(!net.isTraining)
    }

    @Test func testFit_sameSeedSameModel() throws {
        let (x, y) = try blobs(100, seed: 5)
        func train() throws -> [Float] {
            let net = try Architecture.parse("linear(2,8) relu linear(8,2)", seed: 6)
            var options = TrainingOptions()
            options.epochs = 2
            options.batchSize = 16
            try Trainer.fit(net, inputs: x, labels: y, options: options)
            return net.parameters.flatMap { $0.value.scalars }
        }
        #expect(try train() == train())
    }

    @Test func testFit_rejectsMismatchedLabels() throws {
        let net = try Architecture.parse("linear(2,2)")
        #expect(throws: TensorError("fit", "inputs have 3 rows but there are 2 labels")) {
            try Trainer.fit(net, inputs: try Tensor.zeros([3, 2]), labels: [0, 1], options: TrainingOptions())
        }
    }
}
