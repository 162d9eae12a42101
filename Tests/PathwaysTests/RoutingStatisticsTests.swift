import Foundation
import Testing

@testable import Pathways

@Suite struct RoutingStatisticsTests {
    /// Three inputs (classes 0, 0, 1) over three models, k = 2.
    func handMade() -> RoutingStatistics {
        var tally = RoutingTally(modelNames: ["a", "b", "c"], classNames: ["x", "y"])
        tally.add(weights: [0.75, 0.25, 0, 0.5, 0, 0.5], active: [[0, 1], [0, 2]], labels: [0, 0])
        tally.add(weights: [0, 0.5, 0.5], active: [[1, 2]], labels: [1])
        return tally.statistics
    }

    @Test func testStatistics_frequencyWeightsAndEntropy() throws {
        let stats = handMade()
        #expect(stats.counts == [2, 1])
        #expect(stats.frequency == [[1, 0.5, 0.5], [0, 1, 1]])
        #expect(stats.meanWeight == [[0.625, 0.125, 0.25], [0, 0.5, 0.5]])
        let h1 = -(0.75 * log(0.75) + 0.25 * log(0.25))
        #expect(abs(stats.meanEntropy - (h1 + 2 * log(2.0)) / 3) < 1e-9)
        let usage = stats.usage
        for (u, e) in zip(usage, [1.25 / 3, 0.75 / 3, 1.0 / 3]) { #expect(abs(u - e) < 1e-9) }
        #expect(abs(stats.usageEntropy + usage.reduce(0) { $0 + $1 * log($1) }) < 1e-12)
        for (a, e) in zip(stats.activationRate, [2.0 / 3, 2.0 / 3, 2.0 / 3]) { #expect(abs(a - e) < 1e-9) }
        #expect(stats.table.contains("mean routing entropy"))
    }

    @Test func testStatistics_domainShare() throws {
        let stats = handMade()
        let share = try stats.domainShare(classDomains: ["left", "right"], modelDomains: [["left"], ["right"], ["right", "up"]])
        #expect(abs((share["left"] ?? -1) - 0.625) < 1e-12)
        #expect(abs((share["right"] ?? -1) - 1.0) < 1e-12)
        #expect(throws: PathwayError.self) { try stats.domainShare(classDomains: ["left"], modelDomains: [[], [], []]) }
    }
}
