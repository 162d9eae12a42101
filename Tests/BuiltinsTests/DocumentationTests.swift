import Foundation
import Testing
import Builtins
import Language

/// The repository's root, found from this file's path (the test target declares no resources).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The ```recast blocks of a Markdown file that are followed by an ```output block.
func documentedExamples(in markdown: String) -> [(code: String, output: String, line: Int)] {
    let lines = markdown.components(separatedBy: "\n")
    var examples: [(String, String, Int)] = []
    var index = 0
    func block(startingAt start: Int) -> (text: String, end: Int)? {
        var end = start + 1
        while end < lines.count && lines[end] != "```" { end += 1 }
        guard end < lines.count else { return nil }
        return (lines[(start + 1)..<end].joined(separator: "\n"), end)
    }
    while index < lines.count {
        guard lines[index] == "```recast", let code = block(startingAt: index) else {
            index += 1
            continue
        }
        var next = code.end + 1
        while next < lines.count && lines[next].isEmpty { next += 1 }
        if next < lines.count, lines[next] == "```output", let output = block(startingAt: next) {
            examples.append((code.text, output.text, index + 1))
            index = output.end + 1
        } else {
            index = code.end + 1
        }
    }
    return examples
}

@Suite struct DocumentationTests {
    @Test func testLanguageDoc_examplesPrintTheirOutput() throws {
        let markdown = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let examples = documentedExamples(in: markdown)
        #expect(examples.count >= 15)
        for example in examples {
            let got = transcript(example.code)
            #expect(got == example.output + "\n", "docs/language.md:\(example.line)")
        }
    }

    @Test func testBuiltinsDoc_isUpToDate() throws {
        let url = repositoryRoot.appendingPathComponent("docs/builtins.md")
        let generated = DocGenerator.markdown()
        if ProcessInfo.processInfo.environment["RECAST_UPDATE_DOCS"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let current = try? String(contentsOf: url, encoding: .utf8)
        #expect(
            current == generated,
            "docs/builtins.md is stale: run `recast doc --markdown > docs/builtins.md` (or RECAST_UPDATE_DOCS=1 swift test --filter testBuiltinsDoc)")
    }

    @Test func testBuiltinsDoc_everyExampleRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recast-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for library in Prelude.libraries {
            for function in library.functions + library.methods {
                let spec = function.spec
                #expect(!spec.summary.isEmpty, "\(spec.name) has no summary")
                #expect(!spec.example.isEmpty, "\(spec.name) has no example")
                // File examples name relative paths: run them inside a scratch folder.
                let code = spec.example.replacingOccurrences(of: "\"notes.txt\"", with: Value.quoted(directory.appendingPathComponent("notes.txt").path))
                let output = transcript(code)
                #expect(!output.contains("error:"), "example of \(spec.name): \(output)")
            }
        }
    }
}
