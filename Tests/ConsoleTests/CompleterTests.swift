import Foundation
import Language
import Testing

@testable import Console

@Suite struct CompleterTests {
    private let interpreter: Interpreter
    private let completer: Completer

    init() {
        interpreter = makeTestInterpreter(output: TextBuffer())
        _ = interpreter.evaluate(source: "let xs = [1, 2]\nlet sample = 3\nfn area(width, height = 1) { return width * height }", replMode: true)
        completer = Completer(interpreter: interpreter)
    }

    @Test func testCompleter_namesAndKeywords() {
        #expect(completer.complete("pri") == Completion(word: "pri", candidates: ["print"]))
        #expect(completer.complete("let y = sa").candidates == ["sample", "save_figure"])
        #expect(completer.complete("wh").candidates == ["while"])
        #expect(completer.complete("1 + ar") == Completion(word: "ar", candidates: ["area"]))
        // Inside brackets only the keywords that begin an expression.
        #expect(completer.complete("[1, i").candidates.contains("if"))
        #expect(completer.complete("[1, wh").candidates.isEmpty)
        #expect(completer.complete("fn f() { wh").candidates == ["while"])
    }

    @Test func testCompleter_nothingForNumbersOrEmptyWords() {
        #expect(completer.complete("3.") == .none)
        #expect(completer.complete("12") == .none)
        #expect(completer.complete("let y = ").candidates.isEmpty)
    }

    @Test func testCompleter_membersFromTheObjectsType() {
        #expect(completer.complete("counter.b") == Completion(word: "b", candidates: ["bump"]))
        #expect(completer.complete("counter.").candidates == ["bump", "n"])
        #expect(completer.complete("xs.ap") == Completion(word: "ap", candidates: ["append"]))
        #expect(completer.complete("nothing.x") == .none)
    }

    @Test func testCompleter_keywordArgumentsInsideACall() {
        #expect(completer.complete("scale(2, ").candidates.contains("by:"))
        #expect(completer.complete("scale(b").candidates == ["by:"])
        #expect(completer.complete("area(w") == Completion(word: "w", candidates: ["width:"]))
        #expect(completer.complete("counter.bump(").candidates.contains("by:"))
        #expect(completer.complete("scale(1,\nb").candidates == ["by:"])
        #expect(!completer.complete("scale(1) + b").candidates.contains("by:"))
        #expect(!completer.complete("[sample, b").candidates.contains("by:"))
    }

    @Test func testCompleter_pathsInsideStrings() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in ["train.csv", "test.csv", ".hidden"] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + file, contents: Data()))
        }
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        #expect(completer.complete("read(\"\(folder)/tr") == Completion(word: "\(folder)/tr", candidates: ["\(folder)/train.csv"]))
        #expect(completer.complete("read(\"\(folder)/").candidates == ["\(folder)/sub/", "\(folder)/test.csv", "\(folder)/train.csv"])
        #expect(completer.complete("read(\"\(folder)/.").candidates == ["\(folder)/.hidden"])
        #expect(completer.complete("let s = \"\(folder)/none").candidates.isEmpty)
        #expect(completer.complete("let s = \"done\" + sa").candidates == ["sample", "save_figure"])
    }

    @Test func testCompletion_commonPrefixAndColumns() {
        let completion = Completion(word: "s", candidates: ["scale", "sample", "save"])
        #expect(completion.commonPrefix == "s")
        #expect(Completion(word: "sc", candidates: ["scale", "scaled"]).commonPrefix == "scale")
        let many = Completion(word: "", candidates: ["a", "bb", "ccc", "d", "e"])
        #expect(many.columns(width: 12) == "a    d\nbb   e\nccc")
        #expect(many.columns(width: 1) == "a\nbb\nccc\nd\ne")
    }
}
