import Foundation
import Tensors
import Testing

@testable import Reprogramming

@Suite struct InputTransformTests {
    /// Distinct pixel values 0.01·(k + 1) for a N×C×H×W target.
    func numbered(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, scalars: (0..<shape.product).map { Float($0 + 1) * 0.01 })
    }

    /// θ with a distinct value at every position, so the frame shows which θ landed where.
    func distinctTheta(_ t: InputTransform) throws {
        t.theta.value = try Tensor(
            shape: t.sourceShape, scalars: (0..<t.sourceShape.product).map { Float($0 % 13) * 0.3 - 1.8 })
    }

    @Test func testPad_everyPixelWhereItBelongs() throws {
        // 9×11 source, inner 4: top (9 − 4) / 2 = 2, left (11 − 4) / 2 = 3; gray into RGB.
        let t = try InputTransform(style: .pad(inner: 4), sourceShape: [3, 9, 11])
        try distinctTheta(t)
        let x = try numbered([2, 1, 4, 4])
        let out = try t(x)
        #expect(out.shape == [2, 3, 9, 11])
        #expect(t.offset.top == 2 && t.offset.left == 3)
        for n in 0..<2 {
            for c in 0..<3 {
                for i in 0..<9 {
                    for j in 0..<11 {
                        let got = out.scalars[((n * 3 + c) * 9 + i) * 11 + j]
                        let inside = (2..<6).contains(i) && (3..<7).contains(j)
                        let expected = inside
                            ? x.scalars[(n * 4 + (i - 2)) * 4 + (j - 3)]
                            : sigmoid(t.theta.value.scalars[(c * 9 + i) * 11 + j])
                        #expect(abs(got - expected) < 1e-6, "n \(n) c \(c) row \(i) col \(j)")
                    }
                }
            }
        }
        #expect(t.trainableCount == 3 * (9 * 11 - 16))
    }

    @Test func testFrame_innerSizeFromWidthOnANonSquareSource() throws {
        let t = try InputTransform(style: .frame(width: 2), bound: .tanh, sourceShape: [1, 10, 12])
        #expect(t.innerSize.height == 6 && t.innerSize.width == 8)
        #expect(t.offset.top == 2 && t.offset.left == 2)
        try distinctTheta(t)
        let x = try numbered([1, 1, 6, 8])
        let out = try t(x)
        for i in 0..<10 {
            for j in 0..<12 {
                let inside = (2..<8).contains(i) && (2..<10).contains(j)
                let frame: Float = (1 + Foundation.tanh(t.theta.value.scalars[i * 12 + j])) / 2
                let expected = inside ? x.scalars[(i - 2) * 8 + (j - 2)] : frame
                #expect(abs(out.scalars[i * 12 + j] - expected) < 1e-6, "row \(i) col \(j)")
            }
        }
    }

    @Test func testPad_resizesTheTargetBilinearly() throws {
        let t = try InputTransform(style: .pad(inner: 4), sourceShape: [1, 8, 8])
        let x = try numbered([1, 1, 7, 7])
        let out = try t(x)
        let resized = try resizedBilinear(x, height: 4, width: 4)
        for i in 0..<4 {
            for j in 0..<4 {
                #expect(abs(out.scalars[(i + 2) * 8 + j + 2] - resized.scalars[i * 4 + j]) < 1e-6)
            }
        }
        #expect(out.scalars[0] == 0.5)  // θ = 0: a grey frame
    }

    @Test func testFull_addsTheMaskedPerturbationAndClips() throws {
        var maskValues = [Float](repeating: 0, count: 16)
        maskValues[5] = 1
        maskValues[6] = 0.5
        let mask = try Tensor(shape: [4, 4], scalars: maskValues)
        let t = try InputTransform(style: .full, bound: .clamp, sourceShape: [2, 4, 4], mask: mask, epsilon: 0.5)
        t.theta.value = try Tensor(repeating: 0.8, shape: [2, 4, 4])
        let x = try Tensor(repeating: 0.7, shape: [1, 1, 4, 4])
        let out = try t(x)
        for c in 0..<2 {
            for k in 0..<16 {
                let expected: Float = k == 5 ? 1 : (k == 6 ? 0.7 + 0.5 * 0.5 * 0.8 : 0.7)
                #expect(abs(out.scalars[c * 16 + k] - expected) < 1e-6, "channel \(c) pixel \(k)")
            }
        }
        #expect(t.trainableCount == 4)
    }

    @Test(arguments: InputTransform.Bound.allCases)
    func testBounds_holdForAnyTheta(_ bound: InputTransform.Bound) throws {
        var rng = Random(seed: 3)
        let x = rng.uniform([3, 1, 5, 5])
        for style in [InputTransform.Style.pad(inner: 3), .frame(width: 1), .full] {
            let t = try InputTransform(style: style, bound: bound, sourceShape: [3, 6, 6], epsilon: 0.25)
            t.theta.value = rng.uniform([3, 6, 6], low: -50, high: 50)
            let out = try t(x)
            #expect(out.scalars.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(style) \(bound)")
            let limit: Float = style == .full ? 0.25 : 0.5
            #expect(try t.perturbation().scalars.allSatisfy { abs($0) <= limit + 1e-6 }, "\(style) \(bound)")
        }
    }

    @Test func testGradient_reachesOnlyTheFrame() throws {
        let t = try InputTransform(style: .pad(inner: 2), sourceShape: [1, 4, 4])
        t.theta.value = try Tensor(shape: [1, 4, 4], scalars: (0..<16).map { Float($0) * 0.1 - 0.8 })
        let loss = try t(try Tensor.ones([2, 1, 2, 2])).sum()
        try loss.backward()
        let grad = try #require(t.theta.grad).scalars
        for k in 0..<16 {
            let inside = [5, 6, 9, 10].contains(k)
            let s = sigmoid(t.theta.value.scalars[k])
            #expect(abs(grad[k] - (inside ? 0 : 2 * s * (1 - s))) < 1e-5, "pixel \(k)")
        }
    }

    @Test func testErrors_nameWhatWasExpected() throws {
        #expect(throws: ReprogrammingError.self) { try InputTransform(style: .pad(inner: 8), sourceShape: [1, 8, 8]) }
        #expect(throws: ReprogrammingError.self) { try InputTransform(style: .frame(width: 4), sourceShape: [1, 8, 8]) }
        #expect(throws: ReprogrammingError.self) { try InputTransform(style: .full, sourceShape: [64]) }
        #expect(throws: ReprogrammingError.self) {
            try InputTransform(style: .pad(inner: 4), sourceShape: [1, 8, 8], mask: try Tensor.ones([8, 8]))
        }
        #expect(throws: ReprogrammingError.self) {
            try InputTransform(style: .full, sourceShape: [1, 8, 8], mask: try Tensor.ones([4, 4]))
        }
        let rgb = try InputTransform(style: .full, sourceShape: [3, 8, 8])
        #expect(throws: ReprogrammingError.self) { try rgb(try Tensor.zeros([1, 2, 8, 8])) }
        #expect(throws: ReprogrammingError.self) { try rgb(try Tensor.zeros([8, 8])) }
        #expect(try InputTransform.Style(text: "frame:3") == .frame(width: 3))
        #expect(throws: ReprogrammingError.self) { try InputTransform.Style(text: "pad:x") }
    }
}
