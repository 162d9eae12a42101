import Testing
@testable import Tensors

@Suite struct ComparisonTests {
    @Test func testComparison_broadcastValues() throws {
        let a = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
        let b = Tensor([2, 5, 3])
        expectClose(try equal(a, b), [0, 0, 1, 0, 1, 0], shape: [2, 3])
        expectClose(try notEqual(a, b), [1, 1, 0, 1, 0, 1], shape: [2, 3])
        expectClose(try less(a, b), [1, 1, 0, 0, 0, 0], shape: [2, 3])
        expectClose(try lessEqual(a, b), [1, 1, 1, 0, 1, 0], shape: [2, 3])
        expectClose(try greater(a, b), [0, 0, 0, 1, 0, 1], shape: [2, 3])
        expectClose(try greaterEqual(a, b), [0, 0, 1, 1, 1, 1], shape: [2, 3])
        expectClose(try greater(a, Tensor(3)), [0, 0, 0, 1, 1, 1], shape: [2, 3])
        expectClose(try less(try tensor([2, 1], [1, 4]), b), [1, 1, 1, 0, 1, 0], shape: [2, 3])
    }

    @Test func testComparison_carriesNoGradient() throws {
        let p = Parameter(Tensor([1, 2]))
        #expect(!(try less(p.tensor, Tensor([2, 2]))).isTracked)
    }

    @Test func testComparison_rejectsMismatchedShapes() {
        #expect(
            throws: TensorError("less", "shapes [2] and [3] cannot be broadcast (axis 0: 2 vs 3)")
        ) { try less(Tensor([1, 2]), Tensor([1, 2, 3])) }
    }

    @Test func testWhere_picksWithBroadcasting() throws {
        let condition = try tensor([2, 1], [1, 0])
        let a = Tensor([1, 2, 3])
        let b = Tensor(-1)
        expectClose(try `where`(condition, a, b), [1, 2, 3, -1, -1, -1], shape: [2, 3])
        let mask = try greater(a, Tensor(1.5))
        expectClose(try `where`(mask, a, a.negated()), [-1, 2, 3], shape: [3])
    }

    @Test func testWhere_gradientFlowsToPickedSide() throws {
        let condition = try tensor([2, 3], [1, 0, 1, 0, 0, 1])
        try GradientCheck.check([Tensor([0.5, -1, 2]), try tensor([2, 1], [3, -2])]) {
            try `where`(condition, $0[0].square(), $0[1] * 2)
        }
    }

    @Test func testWhere_rejectsMismatchedShapes() {
        #expect(
            throws: TensorError("where", "shapes [2] and [3] cannot be broadcast (axis 0: 2 vs 3)")
        ) { try `where`(Tensor([1, 0]), Tensor([1, 2, 3]), Tensor(0)) }
    }
}
