import Datasets
import Foundation
import ModelHub
import Testing
import Tensors

@testable import Selection

@Suite struct SelectorTests {
    let task: Dataset
    let models: [Model]

    init() throws {
        task = try TestModels.vectorTask(perClass: 30, seed: 10_001)
        models = try TestModels.vectorModels()
    }

    @Test func testSelect_ranksInformativeModelsAboveNoise() throws {
        for metric in [TransferabilityMetric.logme, .hscore, .transrate, .gbc] {
            let ranking = try ModelSelector.select(models, data: task, metric: metric, mode: .whiteBox)
            #expect(ranking.entries.map(\.rank) == [1, 2, 3])
            #expect(ranking.names.last == "noise", "\(metric.name): \(ranking.names)")
            for entry in ranking.entries {
                #expect(entry.access == .whiteBox && entry.input == .features && entry.queries == 0)
                #expect(entry.score.isFinite && entry.seconds >= 0)
            }
        }
    }

    @Test func testSelect_scoresMatchTheMetricOnFeatures() throws {
        let ranking = try ModelSelector.select(models, data: task, metric: .logme)
        let features = try Matrix(try models[0].extractFeatures(task.inputs))
        let direct = try logME(features: features, labels: task.labels, classCount: 4)
        #expect(abs((ranking.score(of: "left") ?? .nan) - direct) < 1e-12)
    }

    @Test func testSelect_blackBoxScoresProbabilitiesThroughCountedQueries() throws {
        let blackBox = try BlackBoxModel(models[0], budget: 1000)
        let ranking = try ModelSelector.select([blackBox, models[1]], data: task, metric: .logme, mode: .auto)
        let entry = try #require(ranking.entries.first { $0.name == "left" })
        #expect(entry.access == .blackBox && entry.input == .probabilities && entry.queries == task.count)
        #expect(ranking.accessDescription(entry) == "black-box (θ as features)")
        #expect(blackBox.ledger.counts == [.scoring: task.count])
        let probabilities = try Matrix(try models[0].probabilities(task.inputs, for: .scoring))
        let direct = try logME(features: probabilities, labels: task.labels)
        #expect(abs(entry.score - direct) < 1e-12)
        let other = try #require(ranking.entries.first { $0.name == "top" })
        #expect(other.access == .whiteBox && ranking.accessDescription(other) == "white-box")
    }

    @Test func testSelect_blackBoxModeReadsWhiteBoxModelsAsProbabilities() throws {
        let ranking = try ModelSelector.select(models, data: task, metric: .hscore, mode: .blackBox)
        #expect(ranking.entries.allSatisfy { $0.access == .blackBox && $0.queries == task.count })
        #expect(models.allSatisfy { $0.ledger.counts[.scoring] == task.count })
    }

    @Test func testSelect_whiteBoxModeRefusesBlackBoxModels() throws {
        let blackBox = try BlackBoxModel(models[0])
        #expect(
            throws: SelectionError(
                "select: model 'left' is a black box, but mode \"white-box\" needs its features "
                    + "(use mode \"auto\" or \"black-box\" to score its output probabilities)")
        ) {
            try ModelSelector.select([blackBox], data: task, metric: .logme, mode: .whiteBox)
        }
    }

    @Test func testSelect_probabilityMetricsReadProbabilitiesOnce() throws {
        let blackBox = try BlackBoxModel(models[2])
        let rankings = try ModelSelector.select(
            [models[0], blackBox], data: task, metrics: [.leep, .nce, .logme], mode: .auto)
        #expect(rankings.map(\.metric) == [.leep, .nce, .logme])
        #expect(blackBox.ledger.total == task.count)  // one read serves all three metrics
        #expect(models[0].ledger.total == task.count)  // LEEP/NCE need its probabilities
        let leep = rankings[0].entries.first { $0.name == "left" }
        #expect(leep?.input == .probabilities && leep?.access == .whiteBox)
        let logme = rankings[2].entries.first { $0.name == "left" }
        #expect(logme?.input == .features && logme?.queries == 0)
    }

    @Test func testSelect_budgetIsNeverExceeded() throws {
        let blackBox = try BlackBoxModel(models[0], budget: task.count - 1)
        #expect(throws: HubError.self) {
            try ModelSelector.select([blackBox], data: task, metric: .leep)
        }
        #expect(blackBox.ledger.total == 0)
    }

    @Test func testSelect_adaptsImageInputsToEachModel() throws {
        let small = try TestModels.halvesTask(perClass: 10, side: 8, seed: 10_002)
        let ranking = try ModelSelector.select([try TestModels.convModel()], data: small, metric: .hscore)
        #expect(ranking.entries.count == 1 && ranking.entries[0].score.isFinite)
    }

    @Test func testSelect_stopsWhenAsked() throws {
        var calls = 0
        let ranking = try ModelSelector.select(models, data: task, metric: .logme) {
            calls += 1
            return calls > 2
        }
        #expect(ranking.interrupted && ranking.entries.count == 2)
        #expect(ranking.table.hasSuffix("(interrupted: 2 models scored)"))
    }

    @Test func testRanking_topTableAndErrors() throws {
        let ranking = try ModelSelector.select(models, data: task, metric: .logme)
        #expect(try ranking.top(2).map(\.name) == Array(ranking.names.prefix(2)))
        #expect(throws: SelectionError("ranking.top: k must be in 1...3, got 4")) { try ranking.top(4) }
        #expect(throws: SelectionError("ranking.top: k must be in 1...3, got 0")) { try ranking.top(0) }
        let lines = ranking.table.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("model") && lines[0].contains("access") && lines[0].contains("queries"))
        #expect(lines[2].contains("white-box") && lines[2].contains("logme"))
    }

    @Test func testRanking_correlateWithTruth() throws {
        let ranking = try ModelSelector.select(models, data: task, metric: .logme)
        let names = ranking.names
        // Truth in the ranking's own order: perfect agreement.
        let agreeing = Dictionary(uniqueKeysWithValues: zip(names, [0.9, 0.6, 0.3]))
        let good = try ranking.correlate(agreeing)
        #expect(abs(good.weightedTau - 1) < 1e-12 && good.rel(at: 1) == 1 && good.rel(at: 3) == 1)
        // Reversed truth: τ = -1, rel@1 = 0.3 / 0.9.
        let reversed = Dictionary(uniqueKeysWithValues: zip(names, [0.3, 0.6, 0.9]))
        let bad = try ranking.correlate(reversed, ks: [1, 2, 5])
        #expect(abs(bad.weightedTau + 1) < 1e-12)
        #expect(abs((bad.rel(at: 1) ?? 0) - 1.0 / 3) < 1e-12 && bad.rel(at: 5) == nil)
        #expect(bad.pearson < 0)
        #expect(bad.description.hasPrefix("logme: weighted τ -1.000"))
        #expect(throws: SelectionError.self) { try ranking.correlate(["left": 0.5]) }
    }

    @Test func testGreedy_addsComplementaryModelsAndStops() throws {
        let subset = try ModelSelector.greedy(models, data: task, metric: .logme)
        #expect(Set(subset.names) == ["left", "top"])
        #expect(subset.stopReason == "no remaining model raises the score")
        #expect(subset.steps.count == 2 && subset.steps[1].score > subset.steps[0].score)
        #expect(subset.steps[0].candidates.count == 3 && subset.steps[1].candidates.count == 2)
        #expect(subset.table.contains("left + top") || subset.table.contains("top + left"))
        let capped = try ModelSelector.greedy(models, data: task, metric: .logme, maxModels: 1)
        #expect(capped.models.count == 1 && capped.stopReason == "reached maxModels")
    }

    @Test func testGreedy_blackBoxMixesProbabilities() throws {
        let boxes = try models.map { try BlackBoxModel($0) }
        let subset = try ModelSelector.greedy(boxes, data: task, metric: .leep)
        #expect(!subset.models.isEmpty && subset.queries == 3 * task.count)
        #expect(boxes.allSatisfy { $0.ledger.counts == [.scoring: task.count] })
    }

    @Test func testModes_andErrors() throws {
        #expect(try SelectionMode(name: "black-box") == .blackBox)
        #expect(
            throws: SelectionError("select: unknown mode \"grey\" (expected one of \"white-box\", \"black-box\", \"auto\")")
        ) { try SelectionMode(name: "grey") }
        #expect(throws: SelectionError("select: expected at least one model, got none")) {
            try ModelSelector.select([], data: task, metric: .logme)
        }
        #expect(throws: SelectionError("greedy: maxModels must be at least 1, got 0")) {
            try ModelSelector.greedy(models, data: task, metric: .logme, maxModels: 0)
        }
    }
}
