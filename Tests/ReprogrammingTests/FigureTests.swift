import Figures
import Foundation
import ModelHub
import Tensors
import Testing

@testable import Reprogramming

@Suite struct FigureTests {
    func trained() throws -> ReprogramResult {
        var options = ReprogramOptions()
        options.style = .pad(inner: 4)
        options.mapping = .frequency
        options.epochs = 2
        options.batchSize = 16
        options.learningRate = 0.3
        options.validationFraction = 0
        return try Reprogrammer.train(try tinyModel(sharpness: 4), on: try bandTask(count: 40), options: options)
    }

    @Test func testPlot_writesTheTrainingCurves() throws {
        let result = try trained()
        let path = temporaryPath("curves.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try result.plot(path: path)
        let image = try PNG.read(path)
        #expect(image.width == 760 && image.height == 480)
        let empty = try Reprogrammer.train(try tinyModel(), on: try bandTask(count: 10), options: {
            var options = ReprogramOptions()
            options.style = .pad(inner: 4)
            options.epochs = 0
            return options
        }())
        #expect(throws: ReprogrammingError.self) { try empty.plot(path: path) }
    }

    @Test func testPerturbationPNG_showsTheFrameOnADivergingMap() throws {
        let result = try trained()
        let path = temporaryPath("delta.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try result.perturbationPNG(path: path, scale: 2)
        let image = try PNG.read(path)
        #expect(image.width == 16 && image.height == 16)
        // The centre (the target region) has no perturbation: white on rdbu.
        #expect(image.pixel(x: 8, y: 8) == [255, 255, 255])
        let delta = try result.perturbation.scalars
        let largest = try #require(delta.indices.max { abs(delta[$0]) < abs(delta[$1]) })
        #expect(abs(delta[largest]) > 0.1)
        let corner = try #require(image.pixel(x: 2 * (largest % 8), y: 2 * (largest / 8)))
        // The largest value is at an end of the map: red for negative, blue for positive.
        #expect(delta[largest] > 0 ? corner[2] > corner[0] : corner[0] > corner[2])
        #expect(throws: FigureError.self) { try result.perturbationPNG(path: path, cmap: "jet") }
    }

    @Test func testSamples_gridOfReprogrammedInputs() throws {
        let result = try trained()
        let test = try bandTask(count: 12, seed: 4)
        let before = result.queries.evaluation
        let samples = try result.samples(test, count: 9)
        #expect(result.queries.evaluation == before + 9)
        #expect(samples.images.count == 9 && samples.images[0].shape == [1, 8, 8])
        #expect(samples.truth == ["t0", "t1", "t2", "t0", "t1", "t2", "t0", "t1", "t2"])
        #expect(try samples.predicted == result.predict(test.inputs).prefix(9).map { "t\($0)" })
        #expect(try samples.images[4].scalars == result.reprogrammed(test.inputs).scalars[(4 * 64)..<(5 * 64)].map { $0 })
        let path = temporaryPath("samples.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try samples.png(path: path)
        // Sized to the 3 × 3 grid: 3 · 110 + 60 by 3 · 115 + 70.
        let image = try PNG.read(path)
        #expect(image.width == 390 && image.height == 415)
        let none = try result.samples(test, count: 0)
        #expect(none.images.isEmpty)
        #expect(throws: ReprogrammingError.self) { try none.png(path: path) }
        #expect(try result.predict(try Tensor.zeros([0, 1, 4, 4])) == [])
    }
}
