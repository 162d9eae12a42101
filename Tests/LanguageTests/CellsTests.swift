import Testing
import Language

@Suite struct CellsTests {
    @Test func testCells_splitAtMarkersWithTitles() {
        let source = "# header comment\n\n# %% Load\nlet a = 1\n  # %%\nprint(a)\n# %%   Plot it  \nprint(2)\n"
        let cells = Cell.split(source)
        #expect(cells.map(\.index) == [1, 2, 3])
        #expect(cells.map(\.title) == ["Load", nil, "Plot it"])
        #expect(cells.map(\.lines) == [3...4, 5...6, 7...8])
        #expect(cells[0].source == "# %% Load\nlet a = 1")
    }

    @Test func testCells_preambleWithCodeIsACell() {
        let cells = Cell.split("let x = 1\n# %% Next\nprint(x)")
        #expect(cells.count == 2)
        #expect(cells[0].title == nil && cells[0].lines == 1...1)
        #expect(Cell.split("").isEmpty)
        #expect(Cell.split("print(1)").map(\.lines) == [1...1])
    }

    @Test func testCells_runWithFileLineNumbers() {
        let source = "# %% One\nlet x = 1\n# %% Two\nprint(x)\nprint(y)"
        let t = TestInterpreter()
        var errors: [Diagnostic] = []
        for cell in Cell.split(source) {
            if case .failure(let diagnostics) = t.interpreter.evaluate(
                source: cell.source, name: "nb.recast", replMode: true, firstLine: cell.lines.lowerBound)
            {
                errors += diagnostics.items
            }
        }
        #expect(errors.map(\.headline) == ["nb.recast:5:7: error: undefined name 'y' (did you mean 'x'?)"])
        #expect(errors.first?.sourceLine == "print(y)")
    }
}
