import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Figures

@Suite struct FigureTests {
    /// The plot areas of a figure, in figure units: the rectangles its data is clipped to.
    private func plotAreas(_ figure: Figure) -> [Rect] {
        figure.scene().items.compactMap { item in
            if case .clip(let rect, _) = item { return rect }
            return nil
        }
    }

    /// The figure rendered, encoded and read back through libpng.
    private func readBack(_ figure: Figure) throws -> PNGImage {
        try PNG.decode(figure.pngBytes(), name: "figure")
    }

    private func near(_ c: Color?, _ expected: Color, _ tolerance: Double) -> Bool {
        guard let c else { return false }
        return abs(c.red - expected.red) <= tolerance && abs(c.green - expected.green) <= tolerance
            && abs(c.blue - expected.blue) <= tolerance
    }

    private func isInk(_ c: Color?) -> Bool { (c?.luminance ?? 1) < 0.6 }

    @Test func testFigure_linePixelsFollowTheData() throws {
        let figure = try Figure()
        let panel = try figure.panel()
        try panel.line(x: [0, 1], y: [0, 1])
        try panel.setXLimits(0, 1)
        try panel.setYLimits(0, 1)
        let plot = try #require(plotAreas(figure).first)
        let image = try readBack(figure)
        #expect(image.width == 640 && image.height == 480)
        for t in stride(from: 0.1, through: 0.9, by: 0.1) {
            let x = Int(plot.minX + t * plot.width), y = Int(plot.maxY - t * plot.height)
            #expect(near(image.color(x: x, y: y), Palette.tab10[0], 0.12), "no line at t = \(t)")
        }
        // Off the diagonal the plot stays white.
        #expect(near(image.color(x: Int(plot.minX + 0.8 * plot.width), y: Int(plot.minY + 0.8 * plot.height)), .white, 0.01))
    }

    @Test func testFigure_nothingDrawnOutsideThePanel() throws {
        let figure = try Figure()
        let panel = try figure.panel()
        let red = Color(red: 1, green: 0, blue: 0)
        try panel.line(x: [-5, 0.5, 6], y: [-100, 0.5, 100], color: red, width: 8)
        try panel.scatter(x: [1.2, -0.3], y: [0.5, 1.4], color: red, size: 10)
        try panel.setXLimits(0, 1)
        try panel.setYLimits(0, 1)
        let plot = try #require(plotAreas(figure).first)
        let image = try readBack(figure)
        var inside = 0, outside = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                guard let c = image.color(x: x, y: y), c.red > 0.6, c.green < 0.4, c.blue < 0.4 else { continue }
                let within = Double(x) >= plot.minX - 1 && Double(x) <= plot.maxX && Double(y) >= plot.minY - 1 && Double(y) <= plot.maxY
                if within { inside += 1 } else { outside += 1 }
            }
        }
        #expect(inside > 100)
        #expect(outside == 0)
    }

    @Test func testFigure_labelsPutTextPixelsWhereTheyAre() throws {
        let figure = try Figure()
        let panel = try figure.panel()
        try panel.line(y: [1, 2, 3])
        panel.title = "Accuracy over time"
        panel.yLabel = "Loss"
        panel.xLabel = "epoch"
        let plot = try #require(plotAreas(figure).first)
        let image = try readBack(figure)
        func ink(x: ClosedRange<Int>, y: ClosedRange<Int>) -> Int {
            var n = 0
            for yy in y { for xx in x where isInk(image.color(x: xx, y: yy)) { n += 1 } }
            return n
        }
        let titleWidth = Int(Font.width(of: "Accuracy over time", size: 14))
        let midX = Int(plot.midX)
        #expect(ink(x: (midX - titleWidth / 2)...(midX + titleWidth / 2), y: Int(plot.minY) - 22...Int(plot.minY) - 4) > 30)
        // The y label stands left of the tick labels, around the middle of the plot.
        #expect(ink(x: 0...24, y: Int(plot.midY) - 20...Int(plot.midY) + 20) > 20)
        #expect(ink(x: midX - 20...midX + 20, y: Int(plot.maxY) + 22...image.height - 1) > 15)
        // The top left corner of the figure has nothing in it.
        #expect(ink(x: 0...30, y: 0...20) == 0)
    }

    @Test func testFigure_heatmapShowsColourMapEnds() throws {
        let figure = try Figure(width: 300, height: 200)
        try figure.panel().heatmap(values: [[0, 1]], cmap: .viridis, colorBar: false)
        let image = try readBack(figure)
        let cells = figure.scene().items.compactMap { item -> Rect? in
            if case .image(let image) = item { return image.rect }
            return nil
        }
        let rect = try #require(cells.first)
        let y = Int(rect.midY)
        #expect(image.color(x: Int(rect.minX + rect.width * 0.25), y: y)?.hex == "#440154")
        #expect(image.color(x: Int(rect.minX + rect.width * 0.75), y: y)?.hex == "#fde725")
    }

    @Test func testFigure_divergingMapShowsZeroAsWhite() throws {
        let figure = try Figure(width: 300, height: 200)
        try figure.panel().image(pixels: [-0.7, 0, 0.3], height: 1, width: 3, cmap: .rdbu, colorBar: true)
        let image = try readBack(figure)
        let content = try #require(figure.scene().items.compactMap { item -> Rect? in
            if case .image(let image) = item, image.width == 3 { return image.rect }
            return nil
        }.first)
        let y = Int(content.midY)
        #expect(image.pixel(x: Int(content.midX), y: y) == [255, 255, 255])
        let left = try #require(image.color(x: Int(content.minX + content.width / 6), y: y))
        let right = try #require(image.color(x: Int(content.maxX - content.width / 6), y: y))
        #expect(left.red > left.blue)
        #expect(right.blue > right.red)
        // The range is symmetric around zero, so the most negative value gets the darkest red.
        #expect(left.hex == "#67001f")
    }

    @Test func testFigure_svgIsWellFormedWithExpectedElements() throws {
        let figure = try Figure(rows: 2, cols: 2)
        figure.title = "Summary & <results>"
        try figure.panel(0, 0).line(y: [3, 1, 2], label: "loss", marker: .circle)
        try figure.panel(0, 0).scatter(x: [0, 1], y: [1, 2], labels: ["a", "b"])
        try figure.panel(0, 1).bar(categories: ["x", "y"], series: [("s1", [1, 2]), ("s2", [2, 1])], valueLabels: true)
        try figure.panel(1, 0).heatmap(values: [[1, 2], [3, 4]], rowLabels: ["r0", "r1"], colLabels: ["c0", "c1"], annotate: true)
        try figure.panel(1, 1).image(pixels: [0, 0.5, 1, 0.2], height: 2, width: 2)
        (try figure.panel(0, 0)).yLabel = "value"

        let svg = try figure.svg()
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "SVG is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.root == "svg")
        #expect(counter.counts["polyline", default: 0] >= 4)
        #expect(counter.counts["image", default: 0] >= 2)
        #expect(counter.counts["clipPath", default: 0] == 2)
        #expect(counter.counts["circle", default: 0] >= 5)
        #expect(counter.counts["rect", default: 0] >= 4)
        #expect(counter.texts.contains("Summary & <results>"))
        #expect(counter.texts.contains("value"))
        #expect(counter.texts.contains("r1"))
        #expect(counter.texts.contains("4"))
        #expect(counter.attributes["svg"]?["width"] == "760")
    }

    @Test func testFigure_sameFigureGivesSameBytes() throws {
        func make() throws -> Figure {
            let figure = try Figure(rows: 1, cols: 2)
            try figure.panel(0, 0).line(y: (0..<50).map { sin(Double($0) / 5) }, label: "sin")
            try figure.panel(0, 1).heatmap(values: [[0.1, -0.2], [0.3, 0.05]], annotate: true, cmap: .rdbu)
            return figure
        }
        #expect(try make().pngBytes() == make().pngBytes())
        #expect(try make().svg() == make().svg())
    }

    @Test func testFigure_scaleRendersAtHigherResolution() throws {
        let figure = try Figure(scale: 2)
        try figure.panel().line(y: [1, 2])
        let image = try readBack(figure)
        #expect(image.width == 1280)
        #expect(image.height == 960)
        #expect(image.channels == 3)
    }

    @Test func testFigure_saveChoosesFormatByExtension() throws {
        let dir = TestDirectory()
        defer { dir.remove() }
        let figure = try Figure()
        try figure.panel().bar(categories: ["a"], values: [1])
        try figure.save(dir.file("f.png"))
        try figure.save(dir.file("f.SVG"))
        #expect(try PNG.read(dir.file("f.png")).width == 640)
        #expect(try String(contentsOfFile: dir.file("f.SVG"), encoding: .utf8).hasPrefix("<?xml"))
        let error = try #require(throws: FigureError.self) { try figure.save(dir.file("f.jpg")) }
        #expect(error.message.contains("f.jpg"))
        #expect(error.message.contains(".png or .svg"))
        let missing = try #require(throws: FigureError.self) { try figure.save("/nonexistent/dir/f.png") }
        #expect(missing.message.contains("/nonexistent/dir/f.png"))
    }

    @Test func testFigure_badInputThrowsNamingTheCall() throws {
        let figure = try Figure(rows: 1, cols: 2)
        let panel = try figure.panel(0, 1)
        let mismatch = try #require(throws: FigureError.self) { try panel.line(x: [1, 2, 3], y: [1, 2]) }
        #expect(mismatch.message == "panel(0, 1).line: x has 3 values but y has 2 (expected the same count)")
        #expect(throws: FigureError.self) { try panel.line(y: []) }
        #expect(throws: FigureError.self) { try panel.scatter(x: [1], y: [1], labels: ["a", "b"]) }
        #expect(throws: FigureError.self) { try panel.setXLimits(1, 1) }
        #expect(throws: FigureError.self) { try panel.setYLimits(0, .nan) }
        let outside = try #require(throws: FigureError.self) { try figure.panel(1, 0) }
        #expect(outside.message.contains("outside the 1 x 2 grid"))

        let heat = try figure.panel(0, 0)
        let ragged = try #require(throws: FigureError.self) { try heat.heatmap(values: [[1, 2], [3]]) }
        #expect(ragged.message.contains("row 1 has 1 values"))
        #expect(throws: FigureError.self) { try heat.heatmap(values: [[1]], rowLabels: ["a", "b"]) }
        #expect(throws: FigureError.self) { try heat.heatmap(values: [[1]], range: 1...1) }
        try heat.heatmap(values: [[1]])
        let occupied = try #require(throws: FigureError.self) { try heat.line(y: [1]) }
        #expect(occupied.message.contains("already shows a heatmap"))

        let other = try Figure()
        let p = try other.panel()
        #expect(throws: FigureError.self) { try p.bar(categories: ["a", "b"], values: [1]) }
        let pixels = try #require(throws: FigureError.self) { try p.image(pixels: [1, 2, 3], height: 2, width: 2) }
        #expect(pixels.message.contains("expected 4"))
        #expect(throws: FigureError.self) { try p.image(pixels: [1, 2], height: 1, width: 1, channels: 2) }
        #expect(throws: FigureError.self) { try p.images([]) }
        #expect(throws: FigureError.self) { try Figure(rows: 0) }
        #expect(throws: FigureError.self) { try Figure(width: 10, height: 10) }
        #expect(throws: FigureError.self) { try Figure(scale: 1000) }
        #expect(throws: FigureError.self) { try Marker(parsing: "@") }
        #expect(try Marker(parsing: "s") == .square)
        #expect(try LineStyle(parsing: "--") == .dashed)
    }

    @Test func testFigure_nonFiniteDataIsSkipped() throws {
        let figure = try Figure(width: 300, height: 200)
        try figure.panel().line(y: [1, .nan, 3, .infinity, 2], marker: .square)
        let heat = try Figure(width: 300, height: 200)
        try heat.panel().heatmap(values: [[.nan, 1], [2, 3]], colorBar: false)
        let image = try readBack(heat)
        let rect = try #require(heat.scene().items.compactMap { item -> Rect? in
            if case .image(let image) = item { return image.rect }
            return nil
        }.first)
        #expect(image.pixel(x: Int(rect.minX + rect.width / 4), y: Int(rect.minY + rect.height / 4)) == [255, 255, 255])
        _ = try figure.pngBytes()
    }

    @Test func testFigure_extremeInputStillRenders() throws {
        let tiny = try Figure(rows: 2, cols: 2, width: 50, height: 50)
        tiny.title = String(repeating: "a very long title ", count: 20)
        try tiny.panel(0, 0).heatmap(values: [[1]], rowLabels: [String(repeating: "x", count: 300)])
        try tiny.panel(1, 1).line(x: [0, 1e300, -1e300, 2], y: [1e-300, 5, -1e308, 1e308], marker: .circle)
        #expect(tiny.render().width == 50)
        let huge = try Figure()
        try huge.panel().line(x: [0, 1, 2], y: [0, 1e300, 1])
        try huge.panel().setYLimits(0, 2)
        #expect(try readBack(huge).height == 480)
    }

    @Test func testFigure_panelsInAColumnLineUp() throws {
        let figure = try Figure(rows: 2, cols: 1)
        try figure.panel(0, 0).line(y: [1, 2, 3])
        try figure.panel(1, 0).line(y: [100000, 200000, 300000])
        (try figure.panel(1, 0)).yLabel = "count"
        let areas = plotAreas(figure)
        #expect(areas.count == 2)
        #expect(areas[0].minX == areas[1].minX)
        #expect(areas[0].maxX == areas[1].maxX)
    }

    @Test func testFigure_barsAndImageGridRender() throws {
        let figure = try Figure(rows: 1, cols: 2)
        let bars = try figure.panel(0, 0)
        try bars.bar(categories: ["a", "b", "c"], series: [("one", [1, -2, 3]), ("two", [2, 1, 0.5])], valueLabels: true)
        let images = try (0..<5).map { k in try FigureImage(pixels: (0..<16).map { Float(($0 + k) % 4) }, height: 4, width: 4) }
        try figure.panel(0, 1).images(images, captions: (0..<5).map { "image number \($0)" })
        let image = try readBack(figure)
        let plot = try #require(plotAreas(figure).first)
        // Bar "one" of category "c" (value 3) is tab10 blue in the middle of its height.
        let fx = AxisMap(low: -0.5, high: 2.5, start: plot.minX, end: plot.maxX)
        #expect(near(image.color(x: Int(fx(2 - 0.2)), y: Int(plot.midY)), Palette.tab10[0], 0.02))
    }

    @Test func testFigure_largeLabelledHeatmapWithColorBar() throws {
        let figure = try Figure(width: 1000, height: 800)
        let values = (0..<100).map { r in (0..<100).map { c in sin(Double(r) / 9) * cos(Double(c) / 13) } }
        try figure.panel().heatmap(values: values, rowLabels: (0..<100).map { "row \($0)" },
                                   colLabels: (0..<100).map { "column \($0)" }, cmap: .viridis, colorBarLabel: "value")
        let canvas = figure.render()
        #expect(canvas.width == 1000 && canvas.height == 800)
        let bars = figure.scene().items.compactMap { item -> Rect? in
            if case .image(let image) = item, image.width == 1 { return image.rect }
            return nil
        }
        let bar = try #require(bars.first)
        #expect(canvas.color(x: Int(bar.midX), y: Int(bar.minY) + 1)?.hex == "#fde725")
        #expect(canvas.color(x: Int(bar.midX), y: Int(bar.maxY) - 2)?.hex == "#440154")
    }

    @Test func testFigure_imageAloneIsEnlargedNearest() throws {
        let image = try FigureImage(pixels: [-1, 0, 0.5, 1], height: 2, width: 2)
        let png = try PNG.decode(image.pngBytes(cmap: .rdbu, scale: 3))
        #expect(png.width == 6 && png.height == 6 && png.channels == 3)
        #expect(png.pixel(x: 4, y: 1) == [255, 255, 255])
        #expect(png.pixel(x: 0, y: 0) == png.pixel(x: 2, y: 2))
        #expect(png.color(x: 5, y: 5)?.hex == "#053061")
        #expect(throws: FigureError.self) { try image.pngBytes(scale: 0) }
    }
}

/// Counts the elements of an XML document and collects its text.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var attributes: [String: [String: String]] = [:]
    var texts: [String] = []
    var root: String?
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil {
            root = name
        }
        counts[name, default: 0] += 1
        self.attributes[name] = self.attributes[name] ?? attributes
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" {
            texts.append(current)
        }
        current = ""
    }
}

