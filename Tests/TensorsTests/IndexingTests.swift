import Testing
@testable import Tensors

@Suite struct IndexingTests {
    let a = Tensor((0..<10).map(Float.init))
    let x = Tensor(unchecked: [2, 3, 4], (0..<24).map(Float.init))

    func slice(_ start: Int? = nil, _ end: Int? = nil, _ step: Int? = nil) throws -> [Float] {
        try a.indexed([.range(start: start, end: end, step: step)]).scalars
    }

    @Test func testIndexing_pythonSliceSemantics() throws {
        #expect(try slice(nil, nil, -1) == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
        #expect(try slice(8, 2, -2) == [8, 6, 4])
        #expect(try slice(-3) == [7, 8, 9])
        #expect(try slice(nil, 100) == (0..<10).map(Float.init))
        #expect(try slice(5, 2) == [])
        #expect(try slice(-100, 3) == [0, 1, 2])
        #expect(try slice(nil, nil, 3) == [0, 3, 6, 9])
        #expect(try slice(7, nil, -3) == [7, 4, 1])
        #expect(try slice(nil, -8, -1) == [9, 8, 7, 6, 5, 4, 3])
        #expect(try a.indexed([.range()]).scalars == a.scalars)
        #expect(try slice(5, nil, Int.max) == [5])
        #expect(try slice(nil, nil, Int.min) == [9])
    }

    @Test func testIndexing_multipleAxes() throws {
        expectClose(try x.indexed([.at(1)]), (12..<24).map(Float.init), shape: [3, 4])
        expectClose(try x.indexed([.at(-1), .range(step: -1)]),
                    [20, 21, 22, 23, 16, 17, 18, 19, 12, 13, 14, 15], shape: [3, 4])
        expectClose(try x.indexed([.all, .range(start: 1), .range(step: 2)]),
                    [4, 6, 8, 10, 16, 18, 20, 22], shape: [2, 2, 2])
        expectClose(try x.indexed([.newAxis, .at(0), .all, .at(-1)]), [3, 7, 11], shape: [1, 3])
        expectClose(try x.indexed([.all, .newAxis, .at(2)]),
                    [8, 9, 10, 11, 20, 21, 22, 23], shape: [2, 1, 4])
        expectClose(try x.indexed([.at(0), .at(1), .at(2)]), [6], shape: [])
        expectClose(try x.indexed([.all, .all, .at(1)]), [1, 5, 9, 13, 17, 21], shape: [2, 3])
        expectClose(try x.indexed([]), x.scalars, shape: [2, 3, 4])
        // Consecutive positions are copied as blocks.
        expectClose(try x.indexed([.all, .range(start: 1, end: 3)]),
                    [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23], shape: [2, 2, 4])
        expectClose(try x.indexed([.range(start: 1), .all, .range(start: 1, end: 3)]),
                    [13, 14, 17, 18, 21, 22], shape: [1, 3, 2])
    }

    @Test func testIndexing_rejectsBadIndices() {
        #expect(throws: TensorError("indexed", "too many indices for shape [2, 3, 4]: got 4, expected at most 3")) {
            try x.indexed([.at(0), .at(0), .at(0), .at(0)])
        }
        #expect(throws: TensorError("indexed", "index 3 is out of range for axis 1 of size 3 (shape [2, 3, 4])")) {
            try x.indexed([.all, .at(3)])
        }
        #expect(throws: TensorError("indexed", "index -3 is out of range for axis 0 of size 2 (shape [2, 3, 4])")) {
            try x.indexed([.at(-3)])
        }
        #expect(throws: TensorError("indexed", "slice step cannot be 0")) {
            try x.indexed([.range(step: 0)])
        }
    }

    @Test func testIndexing_gradientScattersBack() throws {
        var rng = Random(seed: 4)
        let t = rng.normal([3, 4])
        try GradientCheck.check(t) { try $0.indexed([.range(start: 1), .range(step: -2)]).square() }
        try GradientCheck.check(t) { try $0.indexed([.at(-1), .newAxis]).square() }
    }

    @Test func testGathered_rowsAndColumns() throws {
        let m = try tensor([3, 2], [1, 2, 3, 4, 5, 6])
        expectClose(try m.gathered(indices: [2, 0, 2]), [5, 6, 1, 2, 5, 6], shape: [3, 2])
        expectClose(try m.gathered(indices: [-1]), [5, 6], shape: [1, 2])
        expectClose(try m.gathered(indices: [1, 1], axis: 1), [2, 2, 4, 4, 6, 6], shape: [3, 2])
        expectClose(try m.gathered(indices: []), [], shape: [0, 2])
        #expect(throws: TensorError("gathered", "index 3 is out of range for axis 0 of size 3 (shape [3, 2])")) {
            try m.gathered(indices: [0, 3])
        }
        #expect(throws: TensorError("gathered", "axis 2 is out of range for shape [3, 2] (expected -2..<2)")) {
            try m.gathered(indices: [0], axis: 2)
        }
    }

    @Test func testGathered_gradientAddsRepeats() throws {
        let p = Parameter(try tensor([3, 2], [1, 2, 3, 4, 5, 6]))
        try p.tensor.gathered(indices: [2, 0, 2]).sum().backward()
        #expect(p.grad?.scalars == [1, 1, 0, 0, 2, 2])
        var rng = Random(seed: 6)
        try GradientCheck.check(rng.normal([3, 2])) { try $0.gathered(indices: [2, 0, 2], axis: 0).square() }
        try GradientCheck.check(rng.normal([3, 2])) { try $0.gathered(indices: [1, 0, 1], axis: 1).square() }
    }

    @Test func testSetting_replacesSelection() throws {
        let m = try tensor([2, 3], [1, 2, 3, 4, 5, 6])
        expectClose(try m.setting([.at(1)], to: Tensor([7, 8, 9])), [1, 2, 3, 7, 8, 9], shape: [2, 3])
        expectClose(try m.setting([.all, .at(0)], to: Tensor(0)), [0, 2, 3, 0, 5, 6], shape: [2, 3])
        expectClose(try m.setting([.all, .range(step: 2)], to: try tensor([2, 1], [-1, -2])),
                    [-1, 2, -1, -2, 5, -2], shape: [2, 3])
        // The original is a value and keeps its elements.
        #expect(m.scalars == [1, 2, 3, 4, 5, 6])
        #expect(throws: TensorError("setting", "value of shape [2] cannot be broadcast to the selection's shape [3]")) {
            try m.setting([.at(0)], to: Tensor([1, 2]))
        }
        #expect(throws: TensorError("setting", "index 2 is out of range for axis 0 of size 2 (shape [2, 3])")) {
            try m.setting([.at(2)], to: Tensor(0))
        }
    }

    @Test func testSetting_gradientInBothInputs() throws {
        var rng = Random(seed: 8)
        try GradientCheck.check([rng.normal([2, 3]), rng.normal([2, 1])]) {
            try $0[0].setting([.all, .range(start: 1)], to: $0[1]).square()
        }
    }
}
