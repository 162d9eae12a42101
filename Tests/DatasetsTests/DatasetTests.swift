import Tensors
import Testing

@testable import Datasets

@Suite struct DatasetTests {
    @Test func testDataset_properties() throws {
        let data = try Dataset(
            name: "tiny", inputs: Tensor(shape: [3, 1, 2, 2], scalars: (0..<12).map(Float.init)),
            labels: [0, 2, 2], classNames: ["a", "b", "c"])
        #expect(data.count == 3)
        #expect(data.classCount == 3)
        #expect(data.inputShape == [1, 2, 2])
        #expect(data.classCounts == [1, 0, 2])
        #expect(data.description == "Dataset tiny: 3 samples, 3 classes, inputs [1, 2, 2]")
    }

    @Test func testDataset_defaultClassNames() throws {
        let data = try Dataset(name: "d", inputs: Tensor(shape: [3, 2], scalars: [Float](repeating: 0, count: 6)), labels: [0, 3, 1])
        #expect(data.classNames == ["0", "1", "2", "3"])
    }

    @Test func testDataset_validation() throws {
        let inputs = try Tensor(shape: [2, 3], scalars: [Float](repeating: 0, count: 6))
        #expect(throws: DatasetError("dataset", "'d': 3 labels for 2 inputs (inputs shape [2, 3]; expected one label per sample)")) {
            try Dataset(name: "d", inputs: inputs, labels: [0, 1, 1])
        }
        #expect(throws: DatasetError("dataset", "'d': label 2 at index 1 is outside 0..<2 (2 class names)")) {
            try Dataset(name: "d", inputs: inputs, labels: [0, 2], classNames: ["a", "b"])
        }
        #expect(throws: DatasetError("dataset", "'d': label -1 at index 0 is outside 0..<2 (2 class names)")) {
            try Dataset(name: "d", inputs: inputs, labels: [-1, 0], classNames: ["a", "b"])
        }
        #expect(throws: DatasetError("dataset", "'d': class name 'a' appears twice")) {
            try Dataset(name: "d", inputs: inputs, labels: [0, 1], classNames: ["a", "a"])
        }
        #expect(throws: DatasetError("dataset", "'d': label 70000 is too large to number the classes (at most 65535 without class names)")) {
            try Dataset(name: "d", inputs: inputs, labels: [0, 70000])
        }
        #expect(throws: DatasetError("dataset", "'d': inputs need a leading sample axis, got a scalar")) {
            try Dataset(name: "d", inputs: Tensor(1), labels: [])
        }
    }

    @Test func testSplit_exactPerClassProportions() throws {
        let data = try numberedDataset(counts: [10, 20, 30, 5])
        let (train, test) = try data.split(0.8, seed: 3)
        #expect(train.classCounts == [8, 16, 24, 4])
        #expect(test.classCounts == [2, 4, 6, 1])
        let trainNumbers = sampleNumbers(train)
        let testNumbers = sampleNumbers(test)
        #expect(Set(trainNumbers).isDisjoint(with: testNumbers))
        #expect((trainNumbers + testNumbers).sorted() == Array(0..<data.count))
        #expect(trainNumbers == trainNumbers.sorted(), "each part keeps the original order")
        // Labels travel with their samples.
        for (number, label) in zip(trainNumbers, train.labels) { #expect(data.labels[number] == label) }
        #expect(train.name == "numbers-train")
        #expect(test.provenance == "test; split(0.8, seed: 3) test")
    }

    @Test func testSplit_seeded() throws {
        let data = try numberedDataset(counts: [50, 50])
        let a = try data.split(0.5, seed: 1)
        let b = try data.split(0.5, seed: 1)
        let c = try data.split(0.5, seed: 2)
        #expect(sampleNumbers(a.train) == sampleNumbers(b.train))
        #expect(sampleNumbers(a.train) != sampleNumbers(c.train))
    }

    @Test func testSplit_edges() throws {
        let data = try numberedDataset(counts: [3, 4])
        #expect(try data.split(1, seed: 0).test.count == 0)
        #expect(try data.split(0, seed: 0).train.count == 0)
        #expect(try data.split(0.5, seed: 0).train.classCounts == [2, 2])  // 1.5 rounds up
        #expect(throws: DatasetError("split", "fraction 1.5 is outside 0...1")) { try data.split(1.5, seed: 0) }
    }

    @Test func testSubset_perClass() throws {
        let data = try numberedDataset(counts: [10, 7, 12])
        let subset = try data.subset(perClass: 5, seed: 4)
        #expect(subset.classCounts == [5, 5, 5])
        #expect(sampleNumbers(subset) == sampleNumbers(subset).sorted())
        #expect(sampleNumbers(subset) == sampleNumbers(try data.subset(perClass: 5, seed: 4)))
        #expect(sampleNumbers(subset) != sampleNumbers(try data.subset(perClass: 5, seed: 5)))
        #expect(throws: DatasetError("subset", "class 'c1' has 7 samples, fewer than the 8 per class asked for")) {
            try data.subset(perClass: 8, seed: 0)
        }
        #expect(throws: DatasetError("subset", "perClass must be non-negative, got -1")) {
            try data.subset(perClass: -1, seed: 0)
        }
    }

    @Test func testSubset_indices() throws {
        let data = try numberedDataset(counts: [3, 3])
        let subset = try data.subset(indices: [5, 0, 5])
        #expect(sampleNumbers(subset) == [5, 0, 5])
        #expect(subset.labels == [data.labels[5], data.labels[0], data.labels[5]])
        #expect(subset.classNames == data.classNames)
        #expect(throws: DatasetError("subset", "index 6 is outside 0..<6")) { try data.subset(indices: [0, 6]) }
    }

    @Test func testFilter_relabels() throws {
        let data = try numberedDataset(counts: [2, 3, 4])
        let filtered = try data.filter(classes: [2, 0])
        #expect(filtered.classNames == ["c2", "c0"])
        #expect(filtered.classCounts == [4, 2])
        for (number, label) in zip(sampleNumbers(filtered), filtered.labels) {
            #expect(data.labels[number] == [2, 0][label])
        }
        let byName = try data.filter(classNames: ["c2", "c0"])
        #expect(sampleNumbers(byName) == sampleNumbers(filtered))
        #expect(byName.labels == filtered.labels)
        #expect(throws: DatasetError("filter", "class 3 is outside 0..<3")) { try data.filter(classes: [3]) }
        #expect(throws: DatasetError("filter", "class 1 is listed twice")) { try data.filter(classes: [1, 1]) }
        #expect(throws: DatasetError("filter", "no class named 'x' (classes: c0, c1, c2)")) {
            try data.filter(classNames: ["x"])
        }
    }

    @Test func testShuffled_isSeededPermutation() throws {
        let data = try numberedDataset(counts: [20, 20])
        let a = try data.shuffled(seed: 9)
        #expect(sampleNumbers(a).sorted() == Array(0..<40))
        #expect(sampleNumbers(a) != Array(0..<40))
        #expect(sampleNumbers(a) == sampleNumbers(try data.shuffled(seed: 9)))
        #expect(sampleNumbers(a) != sampleNumbers(try data.shuffled(seed: 10)))
        for (number, label) in zip(sampleNumbers(a), a.labels) { #expect(data.labels[number] == label) }
    }

    @Test func testConcatenated_union() throws {
        let a = try Dataset(
            name: "a", inputs: Tensor(shape: [2, 1], scalars: [0, 1]), labels: [0, 1], classNames: ["x", "y"])
        let b = try Dataset(
            name: "b", inputs: Tensor(shape: [3, 1], scalars: [2, 3, 4]), labels: [0, 1, 2], classNames: ["y", "z", "x"])
        let both = try a.concatenated(with: b)
        #expect(both.classNames == ["x", "y", "z"])
        #expect(both.labels == [0, 1, 1, 2, 0])
        #expect(both.inputs.scalars == [0, 1, 2, 3, 4])
        #expect(both.name == "a+b")
    }

    @Test func testConcatenated_disjoint() throws {
        let a = try Dataset(
            name: "a", inputs: Tensor(shape: [2, 1], scalars: [0, 1]), labels: [0, 1], classNames: ["x", "y"])
        let b = try Dataset(
            name: "b", inputs: Tensor(shape: [2, 1], scalars: [2, 3]), labels: [1, 0], classNames: ["y", "w"])
        let both = try a.concatenated(with: b, classes: .disjoint)
        #expect(both.classNames == ["x", "y", "b/y", "w"])
        #expect(both.labels == [0, 1, 3, 2])
        #expect(both.classCounts == [1, 1, 1, 1])
    }

    @Test func testConcatenated_shapeMismatch() throws {
        let a = try Dataset(name: "a", inputs: Tensor(shape: [1, 2], scalars: [0, 1]), labels: [0])
        let b = try Dataset(name: "b", inputs: Tensor(shape: [1, 3], scalars: [0, 1, 2]), labels: [0])
        #expect(throws: DatasetError("concatenated", "input shapes [2] ('a') and [3] ('b') differ (expected the same shape per sample)")) {
            try a.concatenated(with: b)
        }
    }

    @Test func testBatches_coverAllSamples() throws {
        let data = try numberedDataset(counts: [6, 5])
        let batches = try data.batches(size: 4)
        #expect(batches.map(\.labels.count) == [4, 4, 3])
        #expect(batches.map { $0.inputs.shape } == [[4, 1], [4, 1], [3, 1]])
        #expect(batches.flatMap { $0.inputs.scalars.map { Int($0) } } == Array(0..<11))
        #expect(batches.flatMap(\.labels) == data.labels)

        let shuffled = try data.batches(size: 4, shuffle: true, seed: 2)
        let order = shuffled.flatMap { $0.inputs.scalars.map { Int($0) } }
        #expect(order.sorted() == Array(0..<11))
        #expect(order != Array(0..<11))
        #expect(order == (try data.batches(size: 4, shuffle: true, seed: 2)).flatMap { $0.inputs.scalars.map { Int($0) } })
        for (number, label) in zip(order, shuffled.flatMap(\.labels)) { #expect(data.labels[number] == label) }
        #expect(throws: DatasetError("batches", "size must be positive, got 0")) { try data.batches(size: 0) }
    }
}
