import Testing
@testable import Tensors

@Suite struct LossTests {
    let logits = Tensor(unchecked: [2, 3], [1, 2, 3, 1, 1, 1])

    @Test func testCrossEntropy_matchesPyTorch() throws {
        expectClose(try crossEntropy(logits: logits, labels: [2, 0]), [0.75310910], shape: [])
        // PyTorch's value and gradient for this batch.
        let p = Parameter(Tensor(unchecked: [2, 3], [0.5, -1, 2, 0.1, 0.2, 0.3]))
        let loss = try crossEntropy(logits: p.tensor, labels: [0, 2])
        expectClose(loss, [1.3716271])
        try loss.backward()
        expectClose(try #require(p.grad), [-0.41235480, 0.019556286, 0.39279851, 0.15030479, 0.16611248, -0.31641731])
    }

    @Test func testCrossEntropy_stableForLargeLogits() throws {
        let big = Tensor(unchecked: [1, 3], [1000, 1001, 1002])
        expectClose(try crossEntropy(logits: big, labels: [0]), [2.4076059])
        let confident = Tensor(unchecked: [1, 2], [0, 200])
        expectClose(try crossEntropy(logits: confident, labels: [0]), [200])
    }

    @Test func testFocalLoss_values() throws {
        expectClose(try focalLoss(logits: logits, labels: [2, 0]), [0.26697499])
        expectClose(try focalLoss(logits: logits, labels: [2, 0], gamma: 0.5), [0.56642371])
        expectClose(try focalLoss(logits: logits, labels: [2, 0], gamma: 0),
                    try crossEntropy(logits: logits, labels: [2, 0]).scalars)
    }

    @Test func testNLLLoss_andOneHot() throws {
        let logProbs = try logits.logSoftmax()
        expectClose(try nllLoss(logProbs: logProbs, labels: [2, 0]),
                    try crossEntropy(logits: logits, labels: [2, 0]).scalars)
        expectClose(try oneHot([2, 0, 1], classes: 3), [0, 0, 1, 1, 0, 0, 0, 1, 0], shape: [3, 3])
        expectClose(try oneHot([], classes: 2), [], shape: [0, 2])
    }

    @Test func testLosses_gradients() throws {
        var rng = Random(seed: 21)
        let scores = rng.normal([4, 5])
        let labels = [3, 0, 4, 4]
        try GradientCheck.check(scores) { try crossEntropy(logits: $0, labels: labels) }
        try GradientCheck.check(scores) { try focalLoss(logits: $0, labels: labels) }
        try GradientCheck.check(scores) { try focalLoss(logits: $0, labels: labels, gamma: 0.5) }
        try GradientCheck.check(scores) { try nllLoss(logProbs: $0, labels: labels) }
        try GradientCheck.check(scores) { try nllLoss(logProbs: $0.logSoftmax(), labels: labels) }
    }

    @Test func testLosses_rejectBadLabelsAndShapes() throws {
        #expect(throws: TensorError("crossEntropy", "label 3 is out of range for 3 classes (expected 0..<3)")) {
            try crossEntropy(logits: logits, labels: [3, 0])
        }
        #expect(throws: TensorError("crossEntropy", "label -1 is out of range for 3 classes (expected 0..<3)")) {
            try crossEntropy(logits: logits, labels: [0, -1])
        }
        #expect(throws: TensorError("crossEntropy", "got 3 labels for 2 rows (logits of shape [2, 3])")) {
            try crossEntropy(logits: logits, labels: [0, 1, 2])
        }
        #expect(throws: TensorError("crossEntropy", "expected logits of shape [batch, classes], got [3]")) {
            try crossEntropy(logits: Tensor([1, 2, 3]), labels: [0])
        }
        #expect(throws: TensorError("crossEntropy", "expected at least one row, got logits of shape [0, 3]")) {
            try crossEntropy(logits: Tensor.zeros([0, 3]), labels: [])
        }
        #expect(throws: TensorError("focalLoss", "label 5 is out of range for 3 classes (expected 0..<3)")) {
            try focalLoss(logits: logits, labels: [5, 0])
        }
        #expect(throws: TensorError("focalLoss", "gamma must be non-negative, got -1.0")) {
            try focalLoss(logits: logits, labels: [0, 0], gamma: -1)
        }
        #expect(throws: TensorError("nllLoss", "got 1 labels for 2 rows (logProbs of shape [2, 3])")) {
            try nllLoss(logProbs: logits, labels: [0])
        }
        #expect(throws: TensorError("oneHot", "label 2 is out of range for 2 classes (expected 0..<2)")) {
            try oneHot([0, 2], classes: 2)
        }
        #expect(throws: TensorError("oneHot", "classes must be positive, got 0")) {
            try oneHot([], classes: 0)
        }
    }
}
