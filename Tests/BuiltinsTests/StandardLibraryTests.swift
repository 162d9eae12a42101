import Foundation
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

@Suite struct LibraryBehaviourTests {
    @Test func testMath_valuesWithinTolerance() {
        let output = transcript("print(sqrt(2), exp(1) - e, log(8, base: 2), round(2.675, digits: 2), floor(-0.5), clamp(9, 0, 5))")
        let numbers = output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(numbers.count == 6)
        #expect(abs(numbers[0] - 1.41421356237) < 1e-9)
        #expect(abs(numbers[1]) < 1e-12)
        #expect(abs(numbers[2] - 3) < 1e-12)
        #expect(abs(numbers[3] - 2.68) < 0.011)
        #expect(numbers[4] == -1 && numbers[5] == 5)
    }

    @Test func testStrings_methods() {
        #expect(transcript("print(\" A b \".trim().lower(), \"a b  c\".split(), \"x-y\".split(\"-\"), \"abc\".find(\"c\"), \"ab\".pad(4, align: \"center\") + \"|\")") == "a b [\"a\", \"b\", \"c\"] [\"x\", \"y\"] 2  ab |\n")
    }

    @Test func testCollections_methods() {
        #expect(transcript("var xs = [3, 1]\nxs.insert(0, 9)\nxs.extend([7])\nprint(xs, xs.pop(0), xs.index(7), xs.contains(1), xs.reversed())\nvar d = [\"a\": 1]\nprint(d.remove(\"a\"), d.remove(\"z\"), d, d.get(\"q\", \"dflt\"))") == "[3, 1, 7] 9 2 true [7, 1, 3]\n1 nil [:] dflt\n")
    }

    @Test func testCore_sequencesAndConversions() {
        #expect(transcript("print(len(\"héllo\"), range(2, 8, 3), number(\"1e3\"), str(1.0), format(2.0/3, decimals: 3), min([4, 2]), max(\"a\", \"b\"), sum(1...4), zip([1], [2, 3]), enumerate([\"a\"], start: 1))") == "5 range(2, 8, 3) 1000 1 0.667 2 b 10 [[1, 2]] [[1, \"a\"]]\n")
        #expect(transcript("seed(42)\nlet a = [random(), randint(1, 100)]\nseed(42)\nprint(a == [random(), randint(1, 100)])") == "true\n")
    }

    @Test func testCore_argumentErrorsPointAtTheArgument() {
        #expect(transcript("abs(\"x\")").hasPrefix("test.recast:1:5: error: bad argument #1 to 'abs' (number expected, got string)\nabs(\"x\")\n    ^~~\n"))
        #expect(transcript("range(1.5)").hasPrefix("test.recast:1:7: error: bad argument #1 to 'range' (number has no integer representation)"))
        #expect(transcript("print(1, sep: 2)").hasPrefix("test.recast:1:10: error: bad argument #1 to 'print' (string expected, got number)"))
        #expect(transcript("sorted([1, \"a\"])").hasPrefix("test.recast:1:1: error: sorted: cannot compare string and number"))
        #expect(transcript("assert(1 > 2, \"math broke\")").hasPrefix("test.recast:1:1: error: assertion failed: math broke"))
        #expect(transcript("[1].nope()").hasPrefix("test.recast:1:5: error: list has no member 'nope'"))
    }

    @Test func testCore_errorsInsideCallbacksShowTheBuiltin() {
        let text = transcript("fn bad(x) { x + \"s\" }\nmap([1], bad)")
        #expect(text.contains("test.recast:1:13: in bad\n  (built-in): in map\n  test.recast:2:1: in top level"), "\(text)")
    }

    @Test func testHelp_printsSpecs() {
        let text = transcript("help(\"round\")\nhelp(\"string.split\")\nhelp(pi)")
        #expect(text.contains("round(x, digits = 0)\n  x rounded to the nearest (halves away from zero)."))
        #expect(text.contains("string.split(separator = nil)"))
        #expect(text.contains("a number"))
        #expect(transcript("help()").contains("  math: "))
    }

    @Test func testFiles_readWriteAndErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recast-file-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let quoted = Value.quoted(path)
        #expect(transcript("write(\(quoted), \"one\")\nwrite(\(quoted), \"two\")\nprint(read(\(quoted)), exists(\(quoted)))") == "two true\n")
        #expect(transcript("read(\"/no/such/file\")").hasPrefix("test.recast:1:1: error: read: cannot read '/no/such/file'"))
    }
}
