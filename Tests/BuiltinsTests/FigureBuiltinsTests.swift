import Foundation
import Testing
import Builtins
import Language

/// The figure built-ins, run as scripts: files are written, read back and checked.
@Suite struct FigureBuiltinsTests {
    /// A folder of its own for each test (tests run in parallel).
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recast-figures-\(UUID().uuidString)").path

    @Test func testFigure_savesPNGAndSVGThatReadBack() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = transcript("""
            let fig = figure(cols: 2, scale: 2)
            fig.line([3, 1, 2], label: "loss", marker: "o", panel: 0, title: "Training", xlabel: "epoch")
            fig.heatmap([[1, 2], [3, 4]], rows: ["a", "b"], cols: ["x", "y"], annotate: true, panel: 1)
            fig.save("\(folder)/fig.png")
            fig.save("\(folder)/fig.svg")
            let img = read_png("\(folder)/fig.png")
            print(img.shape)
            """)
        #expect(out == "[3, 960, 1520]\n")
        let svg = try String(contentsOfFile: "\(folder)/fig.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("Training"))
    }

    @Test func testPNG_divergingMapPutsZeroOnWhite() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = transcript("""
            png(tensor([[-1, 0, 1]]), "\(folder)/delta.png", cmap: "rdbu", scale: 4)
            let img = read_png("\(folder)/delta.png")
            print(img.shape, img[0, 0, 4], img[1, 0, 4], img[2, 0, 4])
            """)
        #expect(out == "[3, 4, 12] 1 1 1\n")
    }

    @Test func testFigure_badColourMapIsAnArgumentError() {
        let out = transcript("figure().heatmap([[1]], cmap: \"jet\")")
        #expect(out.contains("bad argument #5 to 'heatmap' (unknown colour map 'jet' (expected viridis, magma, gray, rdbu))"))
    }
}
