import Foundation
import Testing
@testable import Selection
import Tensors

@Suite struct EvaluationTests {
    /// Values from scipy 1.17.1, `scipy.stats.weightedtau(x, y).statistic`, all with ties.
    @Test func testWeightedTau_matchesScipy() throws {
        let cases: [([Double], [Double], Double)] = [
            ([12, 2, 1, 12, 2], [1, 4, 7, 1, 0], -0.5669496815368272),
            ([12, 2, 1, 12, 2], [1, 4, 7, 1, .nan], -0.5669496815368272),
            ([0.5, 0.5, 0.7, 0.1, 0.9, 0.7, 0.3], [0.8, 0.6, 0.6, 0.2, 0.9, 0.6, 0.1],
             0.6877805929208916),
            ([1, 1, 2, 2, 3, 3, 4, 4], [1, 1, 2, 3, 3, 4, 5, 5], 0.957831366846237),
            ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [10, 9, 9, 7, 6, 6, 4, 3, 2, 2],
             -0.9660764921100287),
            (Self.floorSines, Self.floorCosines, 0.17192342012178055),
        ]
        for (x, y, expected) in cases {
            let tau = try weightedTau(x, y)
            #expect(abs(tau - expected) <= 1e-12, "\(x) vs \(y): \(tau)")
        }
    }

    /// floor(10 sin(1.7 i)) and floor(5 cos(0.9 i + 0.3)) for i in 0..<30: many ties.
    static let floorSines: [Double] = (0..<30).map { (10 * sin(1.7 * Double($0))).rounded(.down) }
    static let floorCosines: [Double] = (0..<30).map {
        (5 * cos(0.9 * Double($0) + 0.3)).rounded(.down)
    }

    @Test func testWeightedTau_perfectReversedAndConstant() throws {
        // scipy gives ±0.9999999999999998 here (rounding in its weight sums).
        #expect(abs(try weightedTau([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-15)
        #expect(abs(try weightedTau([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-15)
        #expect(try weightedTau([1, 1, 1], [1, 2, 3]).isNaN)
        #expect(try weightedTau([1, 2, 3], [5, 5, 5]).isNaN)
        #expect(throws: TensorError("weightedTau", "x has 3 values but y has 2")) {
            try weightedTau([1, 2, 3], [1, 2])
        }
        #expect(throws: TensorError("weightedTau", "needs at least 2 values, got 1")) {
            try weightedTau([1], [1])
        }
    }

    /// Values from `scipy.stats.pearsonr(x, y).statistic`.
    @Test func testPearson_knownValues() throws {
        #expect(abs(try pearson([1, 2, 3], [2, 4, 7]) - 0.9933992677987828) < 1e-14)
        #expect(abs(try pearson([1, 2, 3, 4, 5], [5, 3, 4, 1, 2]) - -0.8) < 1e-14)
        #expect(abs(try pearson([0.1, 0.4, 0.35, 0.8], [0.2, 0.5, 0.3, 0.9]) - 0.9708336989357751)
            < 1e-14)
        #expect(try pearson([2, 2, 2], [1, 2, 3]).isNaN)
        #expect(throws: TensorError("pearson", "x has 2 values but y has 3")) {
            try pearson([1, 2], [1, 2, 3])
        }
    }

    @Test func testRelAtK_bestAmongTopK() throws {
        let scores: [Double] = [0.9, 0.1, 0.5, .nan]
        let truth: [Double] = [0.70, 0.80, 0.75, 0.9]
        #expect(try relAtK(scores: scores, truth: truth, k: 1) == 0.70 / 0.9)
        #expect(try relAtK(scores: scores, truth: truth, k: 2) == 0.75 / 0.9)
        #expect(try relAtK(scores: scores, truth: truth, k: 3) == 0.80 / 0.9)
        #expect(try relAtK(scores: scores, truth: truth, k: 4) == 1)
        // Equal scores keep list order: the first of the tied pair is taken.
        #expect(try relAtK(scores: [1, 1], truth: [0.5, 1], k: 1) == 0.5)
        #expect(throws: TensorError("relAtK", "k must be in 1...4, got 0")) {
            try relAtK(scores: scores, truth: truth, k: 0)
        }
        #expect(throws: TensorError("relAtK", "the best truth value must be positive, got 0.0")) {
            try relAtK(scores: [1, 2], truth: [0, 0], k: 1)
        }
    }
}
