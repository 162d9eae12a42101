import Foundation
import Testing

@testable import Selection

@Suite struct PlotTests {
    /// A fresh folder for one test's files; the test removes it when done.
    func scratch(_ test: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("selection-\(test)-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func testRankingPlot_writesBarsNamedByModel() throws {
        let task = try TestModels.vectorTask(perClass: 10, seed: 10_010)
        let ranking = try ModelSelector.select(try TestModels.vectorModels(), data: task, metric: .hscore)
        let directory = try scratch("ranking")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let svg = "\(directory)/ranking.svg"
        try ranking.plot(svg)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"))
        for name in ["left", "top", "noise", "hscore scores (white-box)"] { #expect(text.contains(name), "\(name)") }
        let png = "\(directory)/ranking.png"
        try ranking.plot(png)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(throws: (any Error).self) { try ranking.plot("\(directory)/ranking.jpg") }
    }

    @Test func testGroundTruthPlot_labelsEachPointAndShowsTau() throws {
        let (train, test) = try TestModels.vectorTask(perClass: 20, seed: 10_011).split(0.5, seed: 1)
        let models = try TestModels.vectorModels()
        var options = RecycleOptions()
        options.epochs = 3
        let truth = try GroundTruth.measure(models, train: train, test: test, method: .probe, options: options)
        let ranking = try ModelSelector.select(models, data: train, metric: .logme)
        let directory = try scratch("truth")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let svg = "\(directory)/truth.svg"
        try truth.plot(against: ranking, path: svg)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        let tau = try ranking.correlate(truth).weightedTau
        #expect(text.contains(String(format: "weighted τ %.2f", tau)))
        for name in ["left", "top", "noise", "linear-probe test accuracy (%)"] { #expect(text.contains(name), "\(name)") }
        let partial = try GroundTruth.measure([models[0]], train: train, test: test, method: .probe, options: options)
        #expect(throws: SelectionError.self) { try partial.plot(against: ranking, path: svg) }
    }
}
