import Testing
@testable import Tensors

@Suite struct ConcatenationTests {
    @Test func testConcatenate_alongEachAxis() throws {
        let a = try tensor([2, 2], [1, 2, 3, 4])
        let b = try tensor([2, 1], [5, 6])
        let c = try tensor([1, 2], [7, 8])
        expectClose(try concatenate([a, b], axis: 1), [1, 2, 5, 3, 4, 6], shape: [2, 3])
        expectClose(try concatenate([a, b], axis: -1), [1, 2, 5, 3, 4, 6], shape: [2, 3])
        expectClose(try concatenate([a, c]), [1, 2, 3, 4, 7, 8], shape: [3, 2])
        expectClose(try concatenate([Tensor([1]), Tensor([]), Tensor([2, 3])]), [1, 2, 3], shape: [3])
    }

    @Test func testStack_alongEachAxis() throws {
        let a = Tensor([1, 2, 3])
        let b = Tensor([4, 5, 6])
        expectClose(try stack([a, b]), [1, 2, 3, 4, 5, 6], shape: [2, 3])
        expectClose(try stack([a, b], axis: 1), [1, 4, 2, 5, 3, 6], shape: [3, 2])
        expectClose(try stack([a, b], axis: -1), [1, 4, 2, 5, 3, 6], shape: [3, 2])
        expectClose(try stack([Tensor(1), Tensor(2)]), [1, 2], shape: [2])
    }

    @Test func testConcatenate_rejectsBadInput() throws {
        let a = try tensor([2, 2], [1, 2, 3, 4])
        #expect(throws: TensorError("concatenate", "expected at least one tensor, got none")) {
            try concatenate([])
        }
        #expect(throws: TensorError("concatenate", "tensor 1 has shape [2, 3], expected [2, 2] outside axis 0 like tensor 0")) {
            try concatenate([a, try Tensor.zeros([2, 3])])
        }
        #expect(throws: TensorError("concatenate", "tensor 1 has shape [4], expected rank 2 like tensor 0 ([2, 2])")) {
            try concatenate([a, Tensor([1, 2, 3, 4])])
        }
        #expect(throws: TensorError("concatenate", "axis 2 is out of range for shape [2, 2] (expected -2..<2)")) {
            try concatenate([a, a], axis: 2)
        }
        #expect(throws: TensorError("concatenate", "axis 0 is out of range for shape [] (a scalar has no axes)")) {
            try concatenate([Tensor(1), Tensor(2)])
        }
    }

    @Test func testStack_rejectsBadInput() {
        #expect(throws: TensorError("stack", "expected at least one tensor, got none")) {
            try stack([])
        }
        #expect(throws: TensorError("stack", "tensor 1 has shape [3], expected [2] like tensor 0")) {
            try stack([Tensor([1, 2]), Tensor([1, 2, 3])])
        }
        #expect(throws: TensorError("stack", "axis 2 is out of range for shape [2] (expected -2..<2)")) {
            try stack([Tensor([1, 2]), Tensor([3, 4])], axis: 2)
        }
    }

    @Test func testConcatenate_gradients() throws {
        var rng = Random(seed: 3)
        let a = rng.normal([2, 3])
        let b = rng.normal([2, 2])
        try GradientCheck.check([a, b]) { try concatenate([$0[0], $0[1].square()], axis: 1) }
        try GradientCheck.check([a, a.transposed()]) { try concatenate([$0[0], $0[1].transposed()], axis: 0) }
        try GradientCheck.check([a, a]) { try stack([$0[0], $0[1].square()], axis: 1) }
    }
}
