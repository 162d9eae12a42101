import Testing
import Builtins
import Language

/// Runs `source` with the prelude; the printed output, then the rendered errors if any.
func transcript(_ source: String, name: String = "test.recast") -> String {
    let output = Output()
    let interpreter = Prelude.makeInterpreter(output: { output.text += $0 })
    switch interpreter.evaluate(source: source, name: name) {
    case .success: return output.text
    case .failure(let errors): return output.text + errors.description + "\n"
    }
}

final class Output: @unchecked Sendable {
    var text = ""
}

@Suite struct StandardLibraryTests {
    @Test func testPrint_separatorAndEnd() {
        #expect(transcript("print(1, \"a\", [\"b\"], sep: \"|\", end: \"!\\n\")") == "1|a|[\"b\"]!\n")
    }

    @Test func testSorted_keyAndReverse() {
        #expect(transcript("print(sorted([3, 1, 2], reverse: true), sorted([\"bb\", \"a\"], key: len))") == "[3, 2, 1] [\"a\", \"bb\"]\n")
    }
}
