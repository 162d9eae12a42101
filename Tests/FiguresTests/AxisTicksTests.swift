import Testing
@testable import Figures

@Suite struct AxisTicksTests {
    @Test func testTicks_niceSteps() {
        let unit = AxisTicks(low: 0, high: 1, maxCount: 6)
        #expect(unit.step == 0.2)
        #expect(unit.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let quarter = AxisTicks(low: 0, high: 1, maxCount: 5)
        #expect(quarter.step == 0.25)
        #expect(quarter.labels == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        let big = AxisTicks(low: 0, high: 10_000, maxCount: 6)
        #expect(big.step == 2000)
        #expect(big.labels.first == "0")
        #expect(big.labels.last == "10000")
    }

    @Test func testTicks_integralDataGetsWholeSteps() {
        // Epochs 1...10, padded by 5 %: 2.5 would be the nice step, but epochs are whole.
        let plain = AxisTicks(low: 0.55, high: 10.45, maxCount: 4)
        #expect(plain.step == 2.5)
        let epochs = AxisTicks(low: 0.55, high: 10.45, maxCount: 4, integral: true)
        #expect(epochs.step == 5)
        #expect(epochs.labels == ["5", "10"])
        let few = AxisTicks(low: 0.9, high: 3.1, maxCount: 8, integral: true)
        #expect(few.step == 1)
        #expect(few.labels == ["1", "2", "3"])
    }

    @Test func testTicks_stayInsideRange() {
        let ticks = AxisTicks(low: 0.06, high: 0.94, maxCount: 4)
        #expect(ticks.values.count >= 2)
        #expect(ticks.values.allSatisfy { $0 >= 0.06 && $0 <= 0.94 })
        #expect(ticks.values.count <= 4)
    }

    @Test func testTicks_noFloatNoiseAndTrueMinus() {
        let ticks = AxisTicks(low: -0.3, high: 0.3, maxCount: 7)
        #expect(ticks.labels == ["−0.3", "−0.2", "−0.1", "0.0", "0.1", "0.2", "0.3"])
        #expect(NumberFormat.fixed(0.1 + 0.2, decimals: 1) == "0.3")
        #expect(NumberFormat.fixed(-0.0001, decimals: 2) == "0.00")
    }

    @Test func testTicks_largeNumbersGetAMultiplier() {
        let ticks = AxisTicks(low: 0, high: 3e6, maxCount: 4)
        #expect(ticks.multiplier == "×1e6")
        #expect(ticks.labels == ["0", "1", "2", "3"])
        let small = AxisTicks(low: 0, high: 3e-6, maxCount: 4)
        #expect(small.multiplier == "×1e−6")
        #expect(small.labels == ["0", "1", "2", "3"])
    }

    @Test func testTicks_degenerateRange() {
        let ticks = AxisTicks(low: 5, high: 5, maxCount: 5)
        #expect(ticks.values == [5])
    }

    @Test func testTicks_logAxisPutsDecadesEvenly() throws {
        let figure = try Figure()
        let panel = try figure.panel()
        panel.yScale = .log
        try panel.line(x: [0, 1, 2, 3], y: [1000, 100, 10, 0], label: "loss")
        let texts = figure.scene().items.compactMap { item -> TextItem? in
            if case .text(let t) = item { return t }
            return nil
        }
        let decades = ["10", "100", "1000"].compactMap { label in texts.first { $0.text == label && $0.anchor == .end } }
        #expect(decades.count == 3)
        let gaps = zip(decades, decades.dropFirst()).map { $0.position.y - $1.position.y }
        #expect(gaps.count == 2)
        #expect(abs(gaps[0] - gaps[1]) < 1e-9)
        let ticks = AxisTicks.logarithmic(low: -3.2, high: 0.5, maxCount: 8)
        #expect(ticks.labels == ["0.001", "0.01", "0.1", "1"])
        #expect(AxisTicks.logarithmic(low: 2.5, high: 6.2, maxCount: 8).labels == ["1e3", "1e4", "1e5", "1e6"])
        // Less than three decades: 1, 2 and 5 times each power.
        #expect(AxisTicks.logarithmic(low: -1.5, high: 0.5, maxCount: 8).labels == ["0.05", "0.1", "0.2", "0.5", "1", "2"])
        #expect(try AxisScale(parsing: "LOG") == .log)
        #expect(throws: FigureError.self) { try AxisScale(parsing: "symlog") }
    }
}
