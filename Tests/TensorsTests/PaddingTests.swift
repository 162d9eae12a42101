import Testing

@testable import Tensors

@Suite struct PaddingTests {
    @Test func testPadding_matrixByHand() throws {
        let x = try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        let y = try padded(x, [(before: 1, after: 0), (before: 0, after: 2)], value: -1)
        #expect(y.shape == [3, 4])
        #expect(y.scalars == [-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1])
    }

    @Test func testPadding_fewerPairsApplyToTrailingAxes() throws {
        let x = try Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        let y = try padded(x, [(before: 1, after: 1), (before: 1, after: 0)])
        #expect(y.shape == [2, 3, 3])
        #expect(y.scalars == [0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0])
        #expect(try padded(x, []).scalars == x.scalars)
    }

    @Test func testPadding_vectorAndEmptyInput() throws {
        #expect(try padded(Tensor([5]), [(before: 2, after: 1)], value: 9).scalars == [9, 9, 5, 9])
        let empty = try padded(
            Tensor.zeros([0, 2]), [(before: 1, after: 0), (before: 0, after: 0)])
        #expect(empty.shape == [1, 2])
        #expect(empty.scalars == [0, 0])
    }

    @Test func testPadding_gradientIsTheInterior() throws {
        let x = Parameter(try Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        let weights = try Tensor(shape: [3, 4], scalars: (0..<12).map(Float.init))
        let y = try padded(x.tensor, [(before: 1, after: 0), (before: 1, after: 1)])
        try (y * weights).summed(toShape: []).backward()
        #expect(x.grad?.scalars == [5, 6, 9, 10])
    }

    @Test func testPadding_errors() throws {
        let x = try Tensor.zeros([2, 3])
        #expect(throws: TensorError("padded", "3 pad pairs for a tensor of rank 2 (shape [2, 3])"))
        {
            try padded(x, [(before: 0, after: 0), (before: 0, after: 0), (before: 1, after: 1)])
        }
        #expect(
            throws: TensorError("padded", "pads must be non-negative, got (1, -1) for axis 1")
        ) {
            try padded(x, [(before: 1, after: -1)])
        }
    }
}
