import Learning
import Testing
import Tensors

@testable import Selection

@Suite struct LoRATests {
    @Test func testLoRALinear_startsAsBaseAndTrainsOnlyFactors() throws {
        var rng = Random(seed: 3)
        let base = Linear(5, 4, rng: &rng)
        let x = rng.normal([3, 5])
        let expected = try base(x)
        let lora = try LoRALinear(base, rank: 2, alpha: 4, rng: &rng)
        #expect(try lora(x).scalars == expected.scalars)  // B = 0
        #expect(lora.namedParameters.map(\.name) == ["weight", "bias", "lora_A", "lora_B"])
        #expect(lora.namedParameters.filter { $0.parameter.requiresGrad }.map(\.name) == ["lora_A", "lora_B"])
        #expect(lora.a.value.shape == [2, 5] && lora.b.value.shape == [4, 2])
        try (try lora(x).square().sum()).backward()
        #expect(base.weight.grad == nil && base.bias?.grad == nil)
        #expect(lora.b.grad?.scalars.contains { $0 != 0 } == true)
    }

    @Test func testLoRALinear_gradientMatchesFiniteDifferences() throws {
        var rng = Random(seed: 4)
        let lora = try LoRALinear(Linear(3, 2, rng: &rng), rank: 2, alpha: 3, rng: &rng)
        lora.b.value = rng.normal([2, 2])
        let x = rng.normal([4, 3])
        func loss() throws -> Float { try lora(x).square().sum().item() }
        lora.a.zeroGrad()
        try (try lora(x).square().sum()).backward()
        let analytic = try #require(lora.a.grad).scalars
        let h: Float = 1e-2
        for i in 0..<lora.a.value.count {
            let original = lora.a.value
            lora.a.value.withMutableScalars { $0[i] += h }
            let up = try loss()
            lora.a.value = original
            lora.a.value.withMutableScalars { $0[i] -= h }
            let down = try loss()
            lora.a.value = original
            let numeric = (up - down) / (2 * h)
            #expect(abs(numeric - analytic[i]) <= 2e-2 * max(1, abs(numeric)), "A[\(i)]: \(numeric) vs \(analytic[i])")
        }
    }

    @Test func testLoRAConv2d_lowRankUpdateOfTheKernel() throws {
        var rng = Random(seed: 5)
        let base = Conv2d(2, 3, kernelSize: 3, padding: 1, rng: &rng)
        let x = rng.normal([2, 2, 5, 5])
        let expected = try base(x)
        let lora = try LoRAConv2d(base, rank: 2, alpha: 2, rng: &rng)
        #expect(try lora(x).scalars == expected.scalars)
        #expect(lora.a.value.shape == [2, 18] && lora.b.value.shape == [3, 2])
        // With B set, the kernel changes by exactly (α/r) B A, reshaped.
        lora.b.value = rng.normal([3, 2])
        let merged = try lora.mergedWeight()
        let update = try matmul(lora.b.value, lora.a.value)
        for i in 0..<merged.count {
            #expect(abs(merged.scalars[i] - base.weight.value.scalars[i] - update.scalars[i]) < 1e-5)
        }
        let direct = try conv2d(x, weight: merged, bias: base.bias?.value, padding: 1)
        #expect(try lora(x).scalars == direct.scalars)
        try (try lora(x).sum()).backward()
        #expect(base.weight.grad == nil && lora.a.grad != nil && lora.b.grad != nil)
    }

    @Test func testLoRA_rejectsBadOptions() throws {
        var rng = Random(seed: 6)
        #expect(throws: SelectionError("lora: rank must be at least 1, got 0 (for linear(2,2))")) {
            try LoRALinear(Linear(2, 2, rng: &rng), rank: 0, alpha: 1, rng: &rng)
        }
        #expect(throws: SelectionError.self) {
            try LoRAConv2d(Conv2d(1, 1, kernelSize: 1, rng: &rng), rank: 1, alpha: -1, rng: &rng)
        }
    }
}
