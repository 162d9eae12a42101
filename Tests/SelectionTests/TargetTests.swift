import Datasets
import Testing
import Tensors

@testable import Selection

@Suite struct TargetTests {
    @Test func testBuiltinTargets_syntheticShapesClassesAndSplits() throws {
        let related = try BuiltinTargets.make("related", perClass: 5)
        #expect(related.train.classCount == 26 && related.train.classNames.first == "A")
        #expect(related.train.count == 26 * 3 && related.test.count == 26 * 2)
        #expect(related.train.inputShape == [1, 28, 28])
        let mixed = try BuiltinTargets.make("mixed", perClass: 5)
        #expect(mixed.train.classCount == 22 && mixed.train.classNames[10] == "circle")
        #expect(mixed.train.classCounts.allSatisfy { $0 == 3 })
        let unrelated = try BuiltinTargets.make("unrelated", perClass: 6)
        #expect(unrelated.train.classNames == ["clean", "blurred", "noisy", "pixelated"])
        #expect(unrelated.train.count + unrelated.test.count == 24)
        #expect(unrelated.train.inputs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(related.description == "Target related: 26 classes, 78 train / 52 test, inputs [1, 28, 28]")
    }

    @Test func testBuiltinTargets_areDeterministicAndSeeded() throws {
        let a = try BuiltinTargets.mixed(perClass: 3)
        let b = try BuiltinTargets.mixed(perClass: 3)
        let c = try BuiltinTargets.mixed(perClass: 3, seed: 20_000)
        #expect(a.train.inputs.scalars == b.train.inputs.scalars && a.train.labels == b.train.labels)
        #expect(a.train.inputs.scalars != c.train.inputs.scalars)
    }

    @Test func testBuiltinTargets_unrelatedClassesDifferOnlyInDegradation() throws {
        // Pixelation keeps the mean brightness of content while blurring edges; the clean class
        // has the sharpest images: check the mean squared horizontal gradient orders them.
        let task = try BuiltinTargets.unrelated(perClass: 30)
        let data = try task.train.concatenated(with: task.test)
        func sharpness(_ label: Int) -> Double {
            var total = 0.0
            var count = 0
            let x = data.inputs.scalars
            for (i, l) in data.labels.enumerated() where l == label {
                for r in 0..<28 {
                    for c in 0..<27 {
                        let d = Double(x[i * 784 + r * 28 + c + 1] - x[i * 784 + r * 28 + c])
                        total += d * d
                        count += 1
                    }
                }
            }
            return total / Double(count)
        }
        #expect(sharpness(0) > sharpness(1))  // clean is sharper than blurred
        #expect(sharpness(2) > sharpness(0))  // noise adds high-frequency energy
    }

    @Test func testBuiltinTargets_errors() throws {
        #expect(throws: SelectionError.self) { try BuiltinTargets.make("imagenet") }
        #expect(
            throws: SelectionError(
                "target \"mnist\": needs the real data folder; set RECAST_DATA to the folder holding mnist/ and digits/")
        ) { try BuiltinTargets.make("mnist", dataFolder: nil) }
        #expect(throws: SelectionError("target: perClass must be at least 2 (one training and one test image), got 1")) {
            try BuiltinTargets.related(perClass: 1)
        }
        #expect(throws: DatasetError.self) { try BuiltinTargets.make("uci-digits", dataFolder: "/nonexistent") }
    }
}
