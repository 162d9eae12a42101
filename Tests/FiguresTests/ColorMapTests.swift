import Testing
@testable import Figures

@Suite struct ColorMapTests {
    @Test func testColorMap_endsMatchMatplotlib() {
        #expect(ColorMap.viridis.color(at: 0).hex == "#440154")
        #expect(ColorMap.viridis.color(at: 1).hex == "#fde725")
        #expect(ColorMap.magma.color(at: 0).hex == "#000004")
        #expect(ColorMap.magma.color(at: 1).hex == "#fcfdbf")
        #expect(ColorMap.gray.color(at: 0).hex == "#000000")
        #expect(ColorMap.gray.color(at: 1).hex == "#ffffff")
        #expect(ColorMap.viridis.stops.count == 256)
        #expect(ColorMap.magma.stops.count == 256)
    }

    @Test func testColorMap_divergingCentreIsWhite() {
        let cmap = ColorMap.rdbu
        #expect(cmap.color(for: 0, in: -3...3) == .white)
        #expect(cmap.color(at: 0).hex == "#67001f")
        #expect(cmap.color(at: 1).hex == "#053061")
        #expect(cmap.defaultRange(min: -0.2, max: 0.5) == -0.5...0.5)
        let negative = cmap.color(for: -1, in: -1...1), positive = cmap.color(for: 1, in: -1...1)
        #expect(negative.red > negative.blue)
        #expect(positive.blue > positive.red)
    }

    @Test func testColorMap_clampsAndHandlesNaN() {
        #expect(ColorMap.viridis.color(for: -5, in: 0...1) == ColorMap.viridis.color(at: 0))
        #expect(ColorMap.viridis.color(for: 7, in: 0...1) == ColorMap.viridis.color(at: 1))
        #expect(ColorMap.gray.color(at: .nan).alpha == 0)
        let mid = ColorMap.gray.color(at: 0.5)
        #expect(abs(mid.red - 0.5) < 1e-9)
    }

    @Test func testColorMap_namedAndReversed() throws {
        #expect(try ColorMap.named("Viridis") == .viridis)
        #expect(try ColorMap.named("grey") == .gray)
        let reversed = try ColorMap.named("rdbu_r")
        #expect(reversed.name == "rdbu_r")
        #expect(reversed.color(at: 0) == ColorMap.rdbu.color(at: 1))
        #expect(reversed.reversed == .rdbu)
        let error = try #require(throws: FigureError.self) { try ColorMap.named("jet") }
        #expect(error.message.contains("'jet'"))
        #expect(error.message.contains("viridis"))
    }

    @Test func testColor_parsing() throws {
        #expect(try Color(parsing: "#1f77b4") == Palette.tab10[0])
        #expect(try Color(parsing: "C3") == Palette.tab10[3])
        #expect(try Color(parsing: "tab:orange") == Palette.tab10[1])
        #expect(try Color(parsing: "#f00") == Color(red: 1, green: 0, blue: 0))
        #expect(abs(try Color(parsing: "#00000080").alpha - 128.0 / 255) < 1e-9)
        #expect(throws: FigureError.self) { try Color(parsing: "#12345") }
        #expect(throws: FigureError.self) { try Color(parsing: "blurple") }
    }
}
