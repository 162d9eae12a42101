import Testing
@testable import Tensors

@Suite struct AutodiffTests {
    @Test func testAutodiff_broadcastProductGradient() throws {
        let w = Parameter(try Tensor(shape: [2, 1], scalars: [1, 2]))
        let x = try Tensor(shape: [1, 3], scalars: [3, 4, 5])
        // y = w * x broadcast to [2, 3]; sum of y has d/dw_i = sum(x) = 12.
        let y = try w.tensor * x
        let loss = try (y - Tensor(0)).summed(toShape: [])
        #expect(y.shape == [2, 3])
        try loss.backward()
        #expect(w.grad?.scalars == [12, 12])
    }
}
