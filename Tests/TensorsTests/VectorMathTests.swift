import Foundation
import Testing
@testable import Tensors

@Suite struct VectorMathTests {
    @Test func testVectorMath_expWithinTwoUlp() {
        var x = (0..<40_000).map { -103 + Float($0) * (191.7 / 40_000) }
        x += (0..<4_000).map { -1 + Float($0) / 2_000 }
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { src in
            y.withUnsafeMutableBufferPointer { dst in
                VectorMath.exp(src.baseAddress!, dst.baseAddress!, count: x.count)
            }
        }
        var worst: Double = 0
        for (v, e) in zip(x, y) {
            let exact = Foundation.exp(Double(v))
            // Measure in units of the last place of the exact result (subnormals: absolute).
            let ulp = Double(Float(exact).ulp)
            worst = Swift.max(worst, Swift.abs(Double(e) - exact) / ulp)
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    @Test func testVectorMath_tanhAndSigmoidAccurate() {
        let x = (0..<20_000).map { -12 + Float($0) * (24 / 20_000) } + [1e-30, -1e-8, 3e-4, 0.6249, 0.6251]
        var worstTanh: Double = 0
        var worstSigmoid: Double = 0
        for start in stride(from: 0, to: x.count, by: 8) {
            var v = SIMD8<Float>(repeating: 0)
            for j in 0..<Swift.min(8, x.count - start) { v[j] = x[start + j] }
            let t = VectorMath.tanh(v)
            let s = VectorMath.sigmoid(v)
            for j in 0..<Swift.min(8, x.count - start) {
                let exactT = Foundation.tanh(Double(v[j]))
                let exactS = 1 / (1 + Foundation.exp(-Double(v[j])))
                worstTanh = Swift.max(worstTanh, Swift.abs(Double(t[j]) - exactT) / Double(Float(exactT).ulp))
                worstSigmoid = Swift.max(worstSigmoid, Swift.abs(Double(s[j]) - exactS) / Double(Float(exactS).ulp))
            }
        }
        #expect(worstTanh <= 3, "tanh worst error \(worstTanh) ulp")
        #expect(worstSigmoid <= 3, "sigmoid worst error \(worstSigmoid) ulp")
        let special = VectorMath.tanh(SIMD8(0, -0.0, .infinity, -.infinity, .nan, 50, -50, 1))
        #expect(special[0] == 0 && special[2] == 1 && special[3] == -1 && special[4].isNaN)
        #expect(special[5] == 1 && special[6] == -1)
    }

    @Test func testVectorMath_expSpecialValues() {
        let x = SIMD8<Float>(0, 1, -.infinity, .infinity, .nan, 89, -105, -100)
        let e = VectorMath.exp(x)
        #expect(e[0] == 1)
        #expect(Swift.abs(e[1] - 2.7182817) <= 2.5e-7)
        #expect(e[2] == 0 && e[3] == .infinity && e[4].isNaN && e[5] == .infinity && e[6] == 0)
        #expect(e[7] > 0 && Swift.abs(Double(e[7]) - Foundation.exp(-100.0)) < 1e-45)
        #expect(Swift.abs(VectorMath.exp(Float(2)) - 7.3890561) <= 1e-6)
    }
}
