import Foundation
import Testing

/// docs/language-tensors.md, the tensor part of the language spec: each `recast` block followed by
/// an `output` block prints exactly that output.
@Suite struct TensorDocTests {
    @Test func testTensorDoc_examplesPrintTheirOutput() throws {
        let markdown = try String(
            contentsOf: repositoryRoot.appendingPathComponent("docs/language-tensors.md"), encoding: .utf8)
        let examples = documentedExamples(in: markdown)
        #expect(examples.count >= 12)
        for example in examples {
            #expect(transcript(example.code) == example.output + "\n", "docs/language-tensors.md:\(example.line)")
        }
    }
}
