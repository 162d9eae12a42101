import Foundation
import Testing
import Tensors

@testable import Pathways

@Suite struct RoutingTests {
    @Test func testRouting_topKPicksLargestTiesToLowerIndex() throws {
        let logits = try Tensor(shape: [3, 4], scalars: [1, 3, 2, 3, 0, 0, 0, 0, .nan, -5, 4, -1])
        #expect(Routing.topK(logits, k: 2) == [[1, 3], [0, 1], [2, 3]])
        #expect(Routing.topK(logits, k: 1) == [[1], [0], [2]])
        #expect(Routing.topK(logits, k: 4)[2] == [2, 3, 1, 0])
    }

    @Test func testRouting_maskZeroOnActiveOnly() throws {
        let mask = try Routing.mask([[2, 0], [1, 2]], models: 3)
        #expect(mask.shape == [2, 3])
        #expect(mask.scalars == [0, -1e9, 0, -1e9, 0, 0])
    }

    @Test func testRouting_weightsAreSoftmaxOverActiveModels() throws {
        let logits = try Tensor(shape: [2, 4], scalars: [1, 3, 2, 0.5, 0, -1, 2, 1])
        let active = Routing.topK(logits, k: 2)
        let w = try Routing.weights(logits, active: active).scalars
        // Row 0: models 1 and 2 with logits 3 and 2; row 1: models 2 and 3 with logits 2 and 1.
        let high = Float(1 / (1 + exp(-1.0)))
        let expected: [Float] = [0, high, 1 - high, 0, 0, 0, high, 1 - high]
        for (a, b) in zip(w, expected) { #expect(abs(a - b) < 1e-6) }
        for r in 0..<2 { #expect(abs(w[(4 * r)..<(4 * r + 4)].reduce(0, +) - 1) < 1e-6) }
    }

    @Test func testRouting_weightsGradientStaysOnActiveModels() throws {
        let p = Parameter(try Tensor(shape: [1, 3], scalars: [0.2, 1.0, -0.4]))
        let w = try Routing.weights(p.tensor, active: [[1, 0]])
        try (w * (try Tensor(shape: [1, 3], scalars: [1, 2, 3]))).sum().backward()
        let g = try #require(p.grad).scalars
        #expect(g[2] == 0)
        // d/dl0 of w0·1 + w1·2 with w = softmax(l0, l1) is w0 w1 (1 − 2); the two sum to 0.
        let w0 = Float(1 / (1 + exp(0.8)))
        #expect(abs(g[0] - w0 * (1 - w0) * -1) < 1e-6)
        #expect(abs(g[0] + g[1]) < 1e-6)
    }

    @Test func testRouting_cv2OnHandMadeBatch() throws {
        // Importance [1, 0.5, 0.5]: mean 2/3, variance 1/18, CV² = (1/18) / (4/9) = 1/8.
        let weights = try Tensor(shape: [2, 3], scalars: [0.5, 0.5, 0, 0.5, 0, 0.5])
        #expect(abs(try Routing.cv2Loss(weights).item() - 0.125) < 1e-6)
        let balanced = try Tensor(shape: [3, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(abs(try Routing.cv2Loss(balanced).item()) < 1e-7)
        let collapsed = try Tensor(shape: [2, 3], scalars: [1, 0, 0, 1, 0, 0])
        // Importance [2, 0, 0]: mean 2/3, variance 8/9, CV² = 2.
        #expect(abs(try Routing.cv2Loss(collapsed).item() - 2) < 1e-5)
    }

    @Test func testRouting_entropyLossOnHandMadeBatch() throws {
        // Usage [0.5, 0.25, 0.25]: Σ u log u = −(0.5 log 2 + 0.5 log 4) = −1.5 log 2.
        let weights = try Tensor(shape: [2, 3], scalars: [0.5, 0.5, 0, 0.5, 0, 0.5])
        #expect(abs(try Routing.entropyLoss(weights).item() - Float(-1.5 * log(2.0))) < 1e-6)
        #expect(try Routing.explorationLoss(weights, kind: .none).item() == 0)
    }

    @Test func testRouting_cv2GradientPushesTowardBalance() throws {
        let p = Parameter(try Tensor(shape: [2, 3], scalars: [0.5, 0.5, 0, 0.5, 0, 0.5]))
        try Routing.cv2Loss(p.tensor).backward()
        let g = try #require(p.grad).scalars
        // The overused model 0 gets a positive gradient (less weight lowers the loss), the
        // others negative, the same in every row: d CV²/d I_i = 2(I_i − Ī)/(M Ī²) − 2 Var/(M Ī³).
        let (mean, variance) = (2.0 / 3, 1.0 / 18)
        let importance = [1.0, 0.5, 0.5]
        for i in 0..<3 {
            let expected = 2 * (importance[i] - mean) / (3 * mean * mean) - 2 * variance / (3 * mean * mean * mean)
            #expect(abs(Double(g[i]) - expected) < 1e-5)
            #expect(abs(Double(g[3 + i]) - expected) < 1e-5)
        }
        #expect(g[0] > 0 && g[1] < 0)
    }
}
