import Foundation
import Tensors
import Testing

@testable import Reprogramming

@Suite struct LabelMappingTests {
    // Reference assignments from ILM-VP's `predictive_distribution_based_multi_label_mapping`
    // run in PyTorch on the same matrices (counts[s][t], source rows).
    let ties: [[Double]] = [[5, 5, 0], [5, 2, 1], [0, 3, 3], [1, 0, 3]]
    let shared: [[Double]] = [[2, 2, 0], [2, 2, 0], [0, 1, 1], [0, 1, 1], [0, 0, 0], [4, 0, 0]]

    @Test func testFLM_greedyBreaksTiesByLowestRowMajorIndex() throws {
        #expect(LabelMapping.greedy(counts: ties, perTarget: 1, targetClasses: 3) == [[0], [2], [3]])
        #expect(LabelMapping.greedy(counts: shared, perTarget: 1, targetClasses: 3) == [[5], [0], [2]])
        let zeros = Array(repeating: [Double](repeating: 0, count: 3), count: 5)
        #expect(LabelMapping.greedy(counts: zeros, perTarget: 1, targetClasses: 3) == [[0], [1], [2]])
    }

    @Test func testManyToOne_fillsEachTargetWithMSources() throws {
        let groups = LabelMapping.greedy(counts: shared, perTarget: 2, targetClasses: 3)
        #expect(groups.map { $0.sorted() } == [[0, 5], [1, 2], [3, 4]])
        #expect(groups[0] == [5, 0])  // in the order picked
    }

    @Test func testFLM_countsTopPredictionsPerTargetLabel() throws {
        // Rows: argmax 1, 0, 1, 0 (the last row ties 0 and 2: the lower wins) for labels 0, 0, 1, 1.
        let scores = try Tensor(shape: [4, 3], scalars: [0, 5, 1, 9, 2, 3, 0, 4, 1, 7, 1, 7])
        let counts = try LabelMapping.counts(scores: scores, labels: [0, 0, 1, 1], sourceClasses: 3, targetClasses: 2)
        #expect(counts == [[1, 1], [1, 1], [0, 0]])
    }

    @Test func testILM_reassignsOnEveryUpdate() throws {
        let ilm = try LabelMapping(kind: .iterative, sourceClasses: 4, targetClasses: 3, seed: 1)
        ilm.update(counts: ties)
        #expect(ilm.assignment == [[0], [2], [3]])
        // The next epoch's counts, with the prompt changed: the assignment follows them.
        ilm.update(counts: [[0, 0, 9], [0, 4, 0], [3, 3, 0], [2, 0, 0]])
        #expect(ilm.assignment == [[2], [1], [0]])
        let random = try LabelMapping(kind: .random, sourceClasses: 4, targetClasses: 3, seed: 1)
        let before = random.assignment
        random.update(counts: ties)
        #expect(random.assignment == before)
        #expect(Set(before.flatMap { $0 }).count == 3)
    }

    @Test func testScores_gatherAverageOrMap() throws {
        let p: [Float] = [0.1, 0.2, 0.3, 0.4, 0.25, 0.25, 0.4, 0.1]
        let logp = try Tensor(shape: [2, 4], scalars: p.map { Foundation.log($0) })
        let one = try LabelMapping(kind: .frequency, sourceClasses: 4, targetClasses: 2)
        one.update(counts: [[0, 0], [5, 0], [0, 0], [0, 5]])  // target 0 ← source 1, target 1 ← source 3
        let gathered = try one.scores(logProbabilities: logp).scalars
        for (got, want) in zip(gathered, [p[1], p[3], p[5], p[7]]) { #expect(abs(exp(got) - want) < 1e-6) }

        let many = try LabelMapping(kind: .manyToOne(2), sourceClasses: 4, targetClasses: 2)
        many.update(counts: [[5, 0], [4, 0], [0, 3], [0, 2]])
        #expect(many.assignment.map { $0.sorted() } == [[0, 1], [2, 3]])
        let averaged = try many.scores(logProbabilities: logp).scalars
        let expected = [(p[0] + p[1]) / 2, (p[2] + p[3]) / 2, (p[4] + p[5]) / 2, (p[6] + p[7]) / 2]
        for (got, want) in zip(averaged, expected) { #expect(abs(exp(got) - want) < 1e-6) }

        let linear = try LabelMapping(kind: .linear, sourceClasses: 4, targetClasses: 2, seed: 3)
        let layer = try #require(linear.layer)
        let mapped = try linear.scores(logProbabilities: logp).scalars
        let w = layer.weight.value.scalars
        let b = try #require(layer.bias).value.scalars
        for row in 0..<2 {
            for t in 0..<2 {
                let want = (0..<4).reduce(b[t]) { $0 + w[t * 4 + $1] * p[row * 4 + $1] }
                #expect(abs(mapped[row * 2 + t] - want) < 1e-5)
            }
        }
        #expect(linear.parameters.count == 2)
    }

    @Test func testErrors_tooFewSourceClasses() throws {
        #expect(throws: ReprogrammingError.self) { try LabelMapping(kind: .frequency, sourceClasses: 3, targetClasses: 4) }
        #expect(throws: ReprogrammingError.self) { try LabelMapping(kind: .manyToOne(2), sourceClasses: 7, targetClasses: 4) }
        #expect(throws: ReprogrammingError.self) { try LabelMapping(kind: .manyToOne(0), sourceClasses: 7, targetClasses: 4) }
        #expect(try LabelMapping(kind: .linear, sourceClasses: 3, targetClasses: 4).layer != nil)
        #expect(try LabelMapping.Kind(text: "many-to-one:3") == .manyToOne(3))
        #expect(throws: ReprogrammingError.self) { try LabelMapping.Kind(text: "blm") }
    }

    @Test func testTable_listsSourcesPerTarget() throws {
        let mapping = try LabelMapping(kind: .frequency, sourceClasses: 4, targetClasses: 3)
        mapping.update(counts: ties)
        let table = mapping.table(sourceNames: ["a", "b", "c", "d"], targetNames: ["x", "y", "z"])
        #expect(table.rows == [["x", "a"], ["y", "c"], ["z", "d"]])
    }
}
