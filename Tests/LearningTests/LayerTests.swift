import Testing
@testable import Learning
@testable import Tensors

@Suite struct LayerTests {
    @Test func testLinear_matchesPyTorchFormula() throws {
        var rng = Random(seed: 0)
        let layer = Linear(3, 2, rng: &rng)
        layer.weight.value = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        layer.bias?.value = Tensor([0.5, -1])
        let x = try Tensor(shape: [2, 3], scalars: [1, 0, -1, 2, 1, 0])
        // y = x Wᵀ + b
        let y = try layer(x)
        #expect(y.shape == [2, 2])
        #expect(y.scalars == [-1.5, -3, 4.5, 12] as [Float])
    }

    @Test func testLinear_defaultInitWithinPyTorchBound() {
        var rng = Random(seed: 1)
        let layer = Linear(100, 10, rng: &rng)
        let bound: Float = 1 / 10
        #expect(layer.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(layer.bias?.value.scalars.allSatisfy { abs($0) <= bound } == true)
        // Uniform on ±0.1 has standard deviation 0.1/√3 ≈ 0.0577.
        let w = layer.weight.value.scalars
        let std = (w.map { $0 * $0 }.reduce(0, +) / Float(w.count)).squareRoot()
        #expect(abs(std - 0.0577) < 0.005)
    }

    @Test func testConv2d_handComputed() throws {
        var rng = Random(seed: 0)
        let conv = Conv2d(1, 1, kernelSize: 2, padding: 0, rng: &rng)
        conv.weight.value = try Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, -1])
        conv.bias?.value = Tensor([1])
        let x = try Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        // Each output is x[i][j] - x[i+1][j+1] + 1 = -4 + 1.
        let y = try conv(x)
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [-3, -3, -3, -3])
    }

    @Test func testSequential_namesParametersLikePyTorch() throws {
        let net = try Architecture.parse(
            "conv(1,6,5,pad=2) relu maxpool(2) conv(6,16,5) relu maxpool(2) flatten linear(400,120) relu linear(120,84) relu linear(84,10)")
        #expect(net.namedParameters.map(\.name) == [
            "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias",
            "11.weight", "11.bias",
        ])
        #expect(net.parameterCount == 61_706)
        let x = try Tensor.zeros([2, 1, 28, 28])
        #expect(try net(x).shape == [2, 10])
        #expect(try net.features(x).shape == [2, 84])
        #expect(net.featureSize == 84)
    }

    @Test func testSequential_poolsBeforeReLUWithSameResults() throws {
        // Sequential runs `relu maxpool` as pool-then-ReLU: outputs and gradients must be those
        // of the layers one by one, bit for bit, with ties (small integers) and windows whose
        // values are all negative.
        let net = try Architecture.parse("conv(1,2,3,pad=1) relu maxpool(2) flatten linear(8,3)", seed: 3)
        var rng = Random(seed: 5)
        let x = try Tensor(
            shape: [2, 1, 4, 4], scalars: (0..<32).map { _ in Float(rng.nextInt(below: 5)) - 3 })
        func gradients(_ y: Tensor) throws -> [[Float]] {
            for p in net.parameters { p.zeroGrad() }
            try (y * Tensor([1, -2, 0.5])).sum().backward()
            return try net.parameters.map { try #require($0.grad).scalars }
        }
        let fused = try net(x)
        let fusedGradients = try gradients(fused)
        var y = x
        for layer in net.layers { y = try layer(y) }
        #expect(fused.scalars == y.scalars)
        #expect(fusedGradients == (try gradients(y)))
    }

    @Test func testArchitecture_specRoundTrips() throws {
        let spec = "conv(3,8,3,stride=2,pad=1) relu avgpool(2) flatten dropout(0.25) linear(32,5,bias=0) tanh sigmoid"
        #expect(try Architecture.parse(spec).spec == spec)
    }

    @Test func testArchitecture_presetWithClasses() throws {
        let net = try Architecture.parse("lenet5 classes=36")
        #expect(net.outputSize == 36)
        #expect(try Architecture.parse("widecnn").outputSize == 10)
    }

    @Test func testArchitecture_errorsNameTheColumn() {
        #expect(throws: ArchitectureError(column: 9, "unknown layer 'relux'; expected one of linear, conv, maxpool, avgpool, relu, tanh, sigmoid, flatten, dropout, or a preset (lenet5, mlp, widecnn)")) {
            try Architecture.parse("flatten relux")
        }
        #expect(throws: ArchitectureError(column: 1, "expected linear(in,out[,bias=0]), got 1 argument(s)")) {
            try Architecture.parse("linear(3)")
        }
        #expect(throws: ArchitectureError(column: 7, "'(' after 'linear' is never closed")) {
            try Architecture.parse("linear(3,4")
        }
    }

    @Test func testDropout_identityInEvaluationAndScaledInTraining() throws {
        let dropout = try Dropout(0.5, seed: 3)
        let x = try Tensor.ones([1000])
        #expect(try dropout(x).scalars == x.scalars)
        dropout.isTraining = true
        let y = try dropout(x).scalars
        #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = y.filter { $0 == 2 }.count
        #expect(kept > 430 && kept < 570)
    }
}
