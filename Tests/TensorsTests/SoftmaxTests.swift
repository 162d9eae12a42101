import Testing
@testable import Tensors

@Suite struct SoftmaxTests {
    let x = Tensor(unchecked: [2, 3], [1, 2, 3, 1, 1, 1])

    @Test func testSoftmax_values() throws {
        expectClose(try Tensor([1, 2, 3]).softmax(), [0.09003057, 0.24472848, 0.66524094])
        expectClose(try x.softmax(axis: 0), [0.5, 0.73105860, 0.88079703, 0.5, 0.26894143, 0.11920292], shape: [2, 3])
        expectClose(try softmax(x, axis: 1), [0.09003057, 0.24472848, 0.66524094, 1.0 / 3, 1.0 / 3, 1.0 / 3])
        expectClose(try x.logSoftmax(), [-2.4076059, -1.4076059, -0.40760595, -1.0986123, -1.0986123, -1.0986123])
        expectClose(try logSoftmax(x, axis: -1), try x.logSoftmax().scalars)
    }

    @Test func testSoftmax_stableForLargeLogits() throws {
        let big = Tensor([1000, 1001, 1002])
        expectClose(try big.softmax(), [0.09003057, 0.24472848, 0.66524094])
        expectClose(try big.logSoftmax(), [-2.4076059, -1.4076059, -0.40760595])
        let small = Tensor([-1000, 0])
        expectClose(try small.logSoftmax(), [-1000, 0])
    }

    @Test func testSoftmax_rejectsBadAxis() {
        #expect(throws: TensorError("softmax", "axis 2 is out of range for shape [2, 3] (expected -2..<2)")) {
            try x.softmax(axis: 2)
        }
        #expect(throws: TensorError("logSoftmax", "axis -1 is out of range for shape [] (a scalar has no axes)")) {
            try Tensor(1).logSoftmax()
        }
    }

    @Test func testSoftmax_gradients() throws {
        var rng = Random(seed: 12)
        let t = rng.normal([2, 3, 4])
        try GradientCheck.check(t) { try $0.softmax() }
        try GradientCheck.check(t) { try $0.softmax(axis: 1) }
        try GradientCheck.check(t) { try $0.logSoftmax() }
        try GradientCheck.check(t) { try $0.logSoftmax(axis: 0) }
    }
}
