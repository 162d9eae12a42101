import Testing
@testable import Tensors

@Suite struct CreationTests {
    @Test func testCreation_arange() throws {
        expectClose(try Tensor.arange(end: 4), [0, 1, 2, 3], shape: [4])
        expectClose(try Tensor.arange(start: 1, end: 2, step: 0.25), [1, 1.25, 1.5, 1.75])
        expectClose(try Tensor.arange(start: 1, end: 0, step: -0.25), [1, 0.75, 0.5, 0.25])
        expectClose(try Tensor.arange(start: 0, end: 1, step: 0.3), [0, 0.3, 0.6, 0.9])
        expectClose(try Tensor.arange(start: 3, end: 1), [], shape: [0])
        #expect(throws: TensorError("arange", "step cannot be 0")) {
            try Tensor.arange(end: 3, step: 0)
        }
        #expect(throws: TensorError("arange", "expected finite start, end and step, got 0.0, inf, 1.0")) {
            try Tensor.arange(end: .infinity)
        }
        #expect(throws: TensorError("arange", "0.0..<1e+30 by 1.0 would hold too many elements")) {
            try Tensor.arange(end: 1e30)
        }
    }

    @Test func testCreation_linspace() throws {
        expectClose(try Tensor.linspace(start: 0, end: 1, count: 5), [0, 0.25, 0.5, 0.75, 1])
        expectClose(try Tensor.linspace(start: 2, end: -1, count: 4), [2, 1, 0, -1])
        expectClose(try Tensor.linspace(start: 2, end: 3, count: 1), [2])
        expectClose(try Tensor.linspace(start: 2, end: 3, count: 0), [], shape: [0])
        #expect(throws: TensorError("linspace", "count must be non-negative, got -1")) {
            try Tensor.linspace(start: 0, end: 1, count: -1)
        }
    }

    @Test func testCreation_eye() throws {
        expectClose(try Tensor.eye(3), [1, 0, 0, 0, 1, 0, 0, 0, 1], shape: [3, 3])
        expectClose(try Tensor.eye(0), [], shape: [0, 0])
        #expect(throws: TensorError("eye", "size must be non-negative, got -2")) {
            try Tensor.eye(-2)
        }
        #expect(throws: TensorError("eye", "size 4294967296 is too large")) {
            try Tensor.eye(1 << 32)
        }
    }
}
