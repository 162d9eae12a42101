import Foundation
import Testing

@testable import Tensors

@Suite struct ParallelTests {
    /// Runs a parallel loop over `count` indices that records how often each index ran.
    private func visits(_ count: Int, grain: Int = 1, inner: Int = 0) -> [Int] {
        var seen = [Int](repeating: 0, count: count)
        seen.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            Parallel.forEach(count, grain: grain) { range in
                for i in range {
                    // A loop inside a loop runs on its thread alone, and still covers its range.
                    var nested = [Int](repeating: 0, count: inner)
                    nested.withUnsafeMutableBufferPointer { n in
                        let n = SharedBuffer(n)
                        Parallel.forEach(inner) { r in for j in r { n[j] += 1 } }
                    }
                    shared[i] += nested.allSatisfy { $0 == 1 } ? 1 : 100
                }
            }
        }
        return seen
    }

    @Test func testParallel_everyIndexOnce() {
        for (count, grain) in [(1, 1), (7, 1), (1000, 1), (1000, 64), (5, 10)] {
            #expect(visits(count, grain: grain) == [Int](repeating: 1, count: count))
        }
    }

    @Test func testParallel_nestedAndConcurrentLoops() {
        // Loops started from several threads at once, each with loops nested in its body.
        var results = [[Int]](repeating: [], count: 6)
        results.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: 6) { i in
                shared[i] = visits(200, inner: 9)
            }
        }
        for result in results {
            #expect(result == [Int](repeating: 1, count: 200))
        }
    }
}
