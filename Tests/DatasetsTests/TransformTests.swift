import Tensors
import Testing

@testable import Datasets

@Suite struct TransformTests {
    /// One 1×3×3 image with values 1...9 (rows [1 2 3], [4 5 6], [7 8 9]) and a second one doubled.
    func squares() throws -> Dataset {
        let image = (1...9).map(Float.init)
        return try Dataset(
            name: "squares", inputs: Tensor(shape: [2, 1, 3, 3], scalars: image + image.map { $0 * 2 }),
            labels: [0, 1])
    }

    @Test func testFlip_exact() throws {
        let data = try squares()
        let horizontal = try data.transformed(.flip(.horizontal))
        #expect(Array(horizontal.inputs.scalars.prefix(9)) == [3, 2, 1, 6, 5, 4, 9, 8, 7])
        #expect(Array(horizontal.inputs.scalars.suffix(9)) == [6, 4, 2, 12, 10, 8, 18, 16, 14])
        let vertical = try data.transformed(.flip(.vertical))
        #expect(Array(vertical.inputs.scalars.prefix(9)) == [7, 8, 9, 4, 5, 6, 1, 2, 3])
        #expect(horizontal.labels == data.labels)
        #expect(horizontal.provenance == "transformed(flip(horizontal), seed: 0)")
    }

    @Test func testPad_exact() throws {
        let data = try Dataset(name: "p", inputs: Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), labels: [0])
        let padded = try data.transformed(.pad(1, value: 0.5))
        #expect(padded.inputShape == [1, 4, 4])
        #expect(padded.inputs.scalars == [
            0.5, 0.5, 0.5, 0.5,
            0.5, 1, 2, 0.5,
            0.5, 3, 4, 0.5,
            0.5, 0.5, 0.5, 0.5,
        ])
    }

    @Test func testInvert_exact() throws {
        let data = try Dataset(name: "i", inputs: Tensor(shape: [1, 4], scalars: [0, 0.25, 0.5, 1]), labels: [0])
        #expect(try data.transformed(.invert).inputs.scalars == [1, 0.75, 0.5, 0])
    }

    @Test func testRotate_quarterTurnCounterClockwise() throws {
        let rotated = try squares().transformed(.rotate(degrees: 90))
        // numpy.rot90: the right column becomes the top row.
        let expected: [Float] = [3, 6, 9, 2, 5, 8, 1, 4, 7]
        for (value, want) in zip(rotated.inputs.scalars.prefix(9), expected) {
            #expect(abs(value - want) < 1e-4)
        }
        let back = try rotated.transformed(.rotate(degrees: -90))
        for (value, want) in zip(back.inputs.scalars, try squares().inputs.scalars) {
            #expect(abs(value - want) < 1e-4)
        }
    }

    @Test func testRotate_fillsCornersFromOutside() throws {
        let ones = try Dataset(name: "o", inputs: Tensor.ones([1, 1, 7, 7]), labels: [0])
        let rotated = try ones.transformed(.rotate(degrees: 45, fill: 0))
        #expect(rotated.inputs.scalars[0] == 0, "the corner comes from more than a pixel outside the image")
        #expect(abs(rotated.inputs.scalars[24] - 1) < 1e-5, "the centre stays")
    }

    @Test func testCrop_centreAndRandom() throws {
        let data = try Dataset(
            name: "c", inputs: Tensor(shape: [1, 1, 4, 4], scalars: (0..<16).map(Float.init)), labels: [0])
        #expect(try data.transformed(.crop(height: 2, width: 2)).inputs.scalars == [5, 6, 9, 10])
        #expect(try data.transformed(.crop(height: 1, width: 4)).inputs.scalars == [4, 5, 6, 7])
        let many = try Dataset(
            name: "m", inputs: Tensor(shape: [40, 1, 4, 4], scalars: (0..<640).map { Float($0 % 16) }),
            labels: [Int](repeating: 0, count: 40))
        let crops = try many.transformed(.crop(height: 3, width: 3, random: true), seed: 1)
        let corners = Set(stride(from: 0, to: crops.inputs.count, by: 9).map { crops.inputs.scalars[$0] })
        #expect(corners == [0, 1, 4, 5], "all four window positions occur")
        #expect(crops.inputs.scalars == (try many.transformed(.crop(height: 3, width: 3, random: true), seed: 1)).inputs.scalars)
    }

    @Test func testBlur_keepsConstantsAndMass() throws {
        let constant = try Dataset(name: "k", inputs: Tensor(repeating: 0.3, shape: [1, 1, 6, 6]), labels: [0])
        for value in try constant.transformed(.blur(sigma: 1.5)).inputs.scalars { #expect(abs(value - 0.3) < 1e-5) }
        var dot = [Float](repeating: 0, count: 81)
        dot[40] = 1
        let blurred = try Dataset(name: "d", inputs: Tensor(shape: [1, 1, 9, 9], scalars: dot), labels: [0])
            .transformed(.blur(sigma: 1)).inputs.scalars
        #expect(abs(blurred.reduce(0, +) - 1) < 1e-4)
        #expect(blurred[40] < 0.2 && blurred[40] > blurred[41] && blurred[41] > blurred[42])
        #expect(abs(blurred[39] - blurred[41]) < 1e-6 && abs(blurred[31] - blurred[49]) < 1e-6)
    }

    @Test func testNoise_clampedAndSeeded() throws {
        let data = try Dataset(name: "n", inputs: Tensor(repeating: 0.5, shape: [20, 1, 5, 5]), labels: [Int](repeating: 0, count: 20))
        let noisy = try data.transformed(.noise(sigma: 0.5), seed: 4)
        #expect(noisy.inputs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(noisy.inputs.scalars.contains(0) && noisy.inputs.scalars.contains(1))
        let mean = noisy.inputs.scalars.reduce(0, +) / Float(noisy.inputs.count)
        #expect(abs(mean - 0.5) < 0.05)
        #expect(noisy.inputs.scalars == (try data.transformed(.noise(sigma: 0.5), seed: 4)).inputs.scalars)
        #expect(noisy.inputs.scalars != (try data.transformed(.noise(sigma: 0.5), seed: 5)).inputs.scalars)
    }

    @Test func testNormalise_perChannel() throws {
        let data = try Dataset(name: "n", inputs: Tensor(shape: [1, 2, 1, 2], scalars: [1, 3, 10, 20]), labels: [0])
        let normalised = try data.transformed(.normalise(mean: [2, 10], std: [0.5, 10]))
        #expect(normalised.inputs.scalars == [-2, 2, 0, 1])
        let single = try data.transformed(.normalise(mean: [1], std: [2]))
        #expect(single.inputs.scalars == [0, 1, 4.5, 9.5])
        let flat = try Dataset(name: "f", inputs: Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), labels: [0, 0])
        #expect(try flat.transformed(.normalise(mean: [1, 2], std: [1, 2])).inputs.scalars == [0, 0, 2, 1])
    }

    @Test func testAffine_zeroRangesChangeNothing() throws {
        let data = try squares()
        let same = try data.transformed(.affine(rotation: 0, scale: 0, translation: 0, shear: 0), seed: 3)
        for (value, want) in zip(same.inputs.scalars, data.inputs.scalars) { #expect(abs(value - want) < 1e-5) }
    }

    @Test func testAffine_extremeShiftOnlyFills() throws {
        let far = try squares().transformed(.affine(rotation: 0, scale: 0, translation: 1e30, shear: 0, fill: 0.25), seed: 1)
        #expect(far.inputs.scalars.allSatisfy { $0 == 0.25 })
    }

    @Test func testAffine_variesPerImageAndIsSeeded() throws {
        let glyphs = try Glyphs.make(count: 4, seed: 1, jitter: 0)
        let a = try glyphs.transformed(.affine(rotation: 20, scale: 0.1, translation: 0.1, shear: 10), seed: 7)
        let b = try glyphs.transformed(.affine(rotation: 20, scale: 0.1, translation: 0.1, shear: 10), seed: 7)
        #expect(a.inputs.scalars == b.inputs.scalars)
        #expect(a.inputs.scalars != glyphs.inputs.scalars)
    }

    @Test func testTransforms_chained() throws {
        let data = try squares()
        let twice = try data.transformed([.flip(.horizontal), .pad(1)])
        #expect(twice.inputShape == [1, 5, 5])
        #expect(Array(twice.inputs.scalars[6..<9]) == [3, 2, 1])
    }

    @Test func testTransforms_invalid() throws {
        let data = try squares()
        let flat = try Dataset(name: "f", inputs: Tensor(shape: [1, 4], scalars: [0, 0, 0, 0]), labels: [0])
        #expect(throws: DatasetError("transform flip(horizontal)", "expects images N×C×H×W, got samples of shape [4]")) {
            try flat.transformed(.flip(.horizontal))
        }
        #expect(throws: DatasetError("transform crop(4×2)", "window 4×2 does not fit in images 3×3")) {
            try data.transformed(.crop(height: 4, width: 2))
        }
        #expect(throws: DatasetError("transform blur(sigma: -1.0)", "sigma must be finite and non-negative")) {
            try data.transformed(.blur(sigma: -1))
        }
        #expect(throws: DatasetError(
            "transform normalise(mean: [0.0, 0.0], std: [1.0, 1.0])",
            "got 2 means and 2 stds for 1 channels (expected 1 or 1 of each)")) {
            try data.transformed(.normalise(mean: [0, 0], std: [1, 1]))
        }
        #expect(throws: DatasetError.self) { try data.transformed(.normalise(mean: [0], std: [0])) }
        #expect(throws: DatasetError("transform pad(-1, value: 0.0)", "expected an amount in 0...1024 and a finite value")) {
            try data.transformed(.pad(-1))
        }
        #expect(throws: DatasetError("transform blur(sigma: 1000.0)", "sigma must be at most 100 pixels")) {
            try data.transformed(.blur(sigma: 1000))
        }
        #expect(throws: DatasetError.self) { try data.transformed(.affine(rotation: 0, scale: 1, translation: 0, shear: 0)) }
    }
}

@Suite struct ResizeTransformTests {
    @Test func testResize_upscalesEveryImageAndKeepsConstants() throws {
        let data = try Dataset(
            name: "flat", inputs: try Tensor(repeating: 0.25, shape: [3, 1, 8, 8]), labels: [0, 1, 0])
        let resized = try data.transformed(.resize(height: 28, width: 28))
        #expect(resized.inputShape == [1, 28, 28])
        #expect(resized.inputs.scalars.allSatisfy { abs($0 - 0.25) < 1e-6 })
        #expect(resized.labels == data.labels)
    }

    @Test func testResize_rejectsNonImagesAndBadSizes() throws {
        let vectors = try Dataset(name: "v", inputs: try Tensor.zeros([2, 5]), labels: [0, 1])
        #expect(throws: DatasetError("transform resize(4×4)", "expects images N×C×H×W, got samples of shape [5]")) {
            try vectors.transformed(.resize(height: 4, width: 4))
        }
    }
}
