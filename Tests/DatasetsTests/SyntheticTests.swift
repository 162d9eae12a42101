import Tensors
import Testing

@testable import Datasets

@Suite struct SyntheticTests {
    /// Each built-in domain by name, with its class count.
    static let domains = ["glyphs-digits", "glyphs-letters", "glyphs-all", "shapes", "textures"]

    func make(_ domain: String, count: Int, seed: UInt64, size: Int = 28) throws -> Dataset {
        switch domain {
        case "glyphs-digits": try Glyphs.make(kind: .digits, count: count, seed: seed, size: size)
        case "glyphs-letters": try Glyphs.make(kind: .letters, count: count, seed: seed, size: size)
        case "glyphs-all": try Glyphs.make(kind: .all, count: count, seed: seed, size: size)
        case "shapes": try Shapes.make(count: count, seed: seed, size: size)
        default: try Textures.make(count: count, seed: seed, size: size)
        }
    }

    @Test(arguments: domains) func testSynthetic_balancedAndInRange(domain: String) throws {
        let classes = try make(domain, count: 0, seed: 0).classCount
        let data = try make(domain, count: 3 * classes + 2, seed: 5)
        #expect(data.inputs.shape == [3 * classes + 2, 1, 28, 28])
        #expect(data.name == domain)
        #expect(data.classCounts.sorted() == [Int](repeating: 3, count: classes - 2) + [4, 4])
        #expect(data.labels != data.labels.sorted(), "labels come in a seeded order")
        #expect(data.inputs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(data.inputs.scalars.contains { $0 > 0.8 }, "something is drawn")
    }

    @Test(arguments: domains) func testSynthetic_seeded(domain: String) throws {
        let a = try make(domain, count: 24, seed: 11)
        let b = try make(domain, count: 24, seed: 11)
        let c = try make(domain, count: 24, seed: 12)
        #expect(a.inputs.scalars == b.inputs.scalars)
        #expect(a.labels == b.labels)
        #expect(a.inputs.scalars != c.inputs.scalars)
        // A larger set made with the same seed starts with the smaller one.
        let larger = try make(domain, count: 40, seed: 11)
        #expect(Array(larger.inputs.scalars.prefix(a.inputs.count)) == a.inputs.scalars)
        #expect(Array(larger.labels.prefix(24)) == a.labels)
    }

    @Test func testSynthetic_sizeOption() throws {
        for domain in ["glyphs-digits", "shapes", "textures"] {
            let data = try make(domain, count: 12, seed: 1, size: 16)
            #expect(data.inputShape == [1, 16, 16])
        }
    }

    @Test func testGlyphs_classNames() throws {
        #expect(Glyphs.Kind.digits.classNames == (0...9).map(String.init))
        #expect(Glyphs.Kind.letters.classNames.first == "A" && Glyphs.Kind.letters.classNames.last == "Z")
        #expect(Glyphs.Kind.all.classNames.count == 36)
        #expect(Shapes.classNames.count >= 10 && Textures.classNames.count >= 10)
        #expect(Shapes.classNames.prefix(3) == ["circle", "square", "triangle"])
    }

    /// Classes are told apart by the nearest class-mean image, learnt on one seed and tested on
    /// another (chance is one over the class count).
    @Test(arguments: ["glyphs-digits", "glyphs-letters", "shapes"])
    func testSynthetic_classesDistinguishable(domain: String) throws {
        let classes = try make(domain, count: 0, seed: 0).classCount
        let train = try make(domain, count: 20 * classes, seed: 1, size: 16)
        let test = try make(domain, count: 10 * classes, seed: 2, size: 16)
        let means = classMeans(train)
        let width = train.inputShape.product
        var correct = 0
        for i in 0..<test.count {
            let image = Array(test.inputs.scalars[(i * width)..<((i + 1) * width)])
            let nearest = means.indices.min { distance(means[$0], image) < distance(means[$1], image) }
            if nearest == test.labels[i] { correct += 1 }
        }
        #expect(Float(correct) / Float(test.count) > 0.45, "nearest-mean accuracy \(correct)/\(test.count)")
    }

    /// Textures have random phase, so their class means are flat; they differ in how fast pixels
    /// change across and along rows, and in contrast.
    @Test func testTextures_classesDistinguishable() throws {
        func features(_ data: Dataset) -> [[Float]] {
            (0..<data.count).map { i in
                let image = Array(data.inputs.scalars[(i * 784)..<((i + 1) * 784)])
                var (across, along, diagonal, antidiagonal, square): (Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0)
                for y in 1..<28 {
                    for x in 1..<27 {
                        let v = image[y * 28 + x]
                        across += abs(v - image[y * 28 + x - 1])
                        along += abs(v - image[(y - 1) * 28 + x])
                        diagonal += abs(v - image[(y - 1) * 28 + x - 1])
                        antidiagonal += abs(v - image[(y - 1) * 28 + x + 1])
                        square += (v - 0.5) * (v - 0.5)
                    }
                }
                return [across, along, diagonal, antidiagonal, square].map { $0 / 702 }
            }
        }
        let train = try Textures.make(count: 600, seed: 1)
        let test = try Textures.make(count: 240, seed: 2)
        let trainFeatures = features(train)
        var means = [[Float]](repeating: [0, 0, 0, 0, 0], count: 12)
        for (f, label) in zip(trainFeatures, train.labels) {
            for j in 0..<5 { means[label][j] += f[j] / 50 }
        }
        let correct = zip(features(test), test.labels).filter { f, label in
            means.indices.min { distance(means[$0], f) < distance(means[$1], f) } == label
        }.count
        #expect(Float(correct) / Float(test.count) > 0.5, "nearest-mean accuracy \(correct)/\(test.count)")
    }

    @Test func testSynthetic_domainsLookDifferent() throws {
        func meanBrightness(_ data: Dataset) -> Float { data.inputs.scalars.reduce(0, +) / Float(data.inputs.count) }
        let glyphs = meanBrightness(try Glyphs.make(count: 60, seed: 1))
        let shapes = meanBrightness(try Shapes.make(count: 60, seed: 1, style: .filled))
        let textures = meanBrightness(try Textures.make(count: 60, seed: 1))
        #expect(glyphs < 0.25 && glyphs > 0.05)
        #expect(shapes > glyphs + 0.05 && shapes < 0.45)
        #expect(textures > 0.4 && textures < 0.6)
    }

    @Test func testGlyphs_options() throws {
        let canonical = try Glyphs.make(count: 20, seed: 3, jitter: 0)
        let width = 784
        // Without jitter every glyph of a class is the same image.
        let ones = canonical.labels.indices.filter { canonical.labels[$0] == 1 }
        #expect(canonical.inputs.scalars[(ones[0] * width)..<((ones[0] + 1) * width)]
            == canonical.inputs.scalars[(ones[1] * width)..<((ones[1] + 1) * width)])
        func ink(_ data: Dataset) -> Float { data.inputs.scalars.reduce(0, +) }
        let thin = try Glyphs.make(count: 40, seed: 3, thickness: 0.5)
        let thick = try Glyphs.make(count: 40, seed: 3, thickness: 2)
        #expect(ink(thick) > 2.5 * ink(thin))
        let noisy = try Glyphs.make(count: 40, seed: 3, noise: 0.2)
        #expect(noisy.inputs.scalars.filter { $0 > 0 && $0 < 0.5 }.count > 10 * 784)
        #expect(noisy.labels == thin.labels)
    }

    @Test func testShapes_styles() throws {
        let ink = { (data: Dataset) in data.inputs.scalars.reduce(0, +) }
        let filled = try Shapes.make(count: 24, seed: 2, style: .filled).filter(classNames: ["square"])
        let outlined = try Shapes.make(count: 24, seed: 2, style: .outlined).filter(classNames: ["square"])
        #expect(ink(filled) > 1.5 * ink(outlined))
        // A filled disc is solid at its centre; an outlined circle is dark there.
        let circle = try Shapes.make(count: 12, seed: 2, style: .outlined, jitter: 0).filter(classNames: ["circle"])
        #expect(circle.inputs.scalars[14 * 28 + 14] < 0.01)
        let disc = try Shapes.make(count: 12, seed: 2, style: .filled, jitter: 0).filter(classNames: ["circle"])
        #expect(disc.inputs.scalars[14 * 28 + 14] > 0.99)
    }

    @Test func testSynthetic_invalidOptions() throws {
        #expect(throws: DatasetError("glyphs", "size must be in 8...1024 pixels, got 4")) {
            try Glyphs.make(count: 1, seed: 0, size: 4)
        }
        #expect(throws: DatasetError("glyphs", "count must be non-negative, got -1")) {
            try Glyphs.make(count: -1, seed: 0)
        }
        #expect(throws: DatasetError("shapes", "thickness must be in 0.1...5.0, got 0.0")) {
            try Shapes.make(count: 1, seed: 0, thickness: 0)
        }
        #expect(throws: DatasetError("textures", "noise must be in 0.0...1.0, got 2.0")) {
            try Textures.make(count: 1, seed: 0, noise: 2)
        }
        #expect(throws: DatasetError("textures", "1000000 images of 28×28 exceed the limit of 500 million pixels")) {
            try Textures.make(count: 1_000_000, seed: 0)
        }
    }
}
