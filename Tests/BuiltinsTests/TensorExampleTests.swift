import Testing

@testable import Builtins
@testable import Language

/// Every tensor built-in documents itself with an example whose comments show what it prints;
/// these tests run each example and compare.
@Suite struct TensorExampleTests {
    /// The functions and methods of the tensor library.
    nonisolated(unsafe) private static let builtins: [NativeFunction] = {
        let library = TensorLibrary.library
        return library.functions + library.methods
    }()

    /// What an example's comments say it prints: the text after `  # ` on a line of code, and
    /// whole lines starting with `# ` (continuations of a multi-line output).
    static func expectedOutput(of example: String) -> String {
        var lines: [String] = []
        for line in example.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# ") {
                lines.append(String(line.dropFirst(2)))
            } else if let comment = line.range(of: "  # ") {
                lines.append(String(line[comment.upperBound...]))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    @Test func testExamples_everyBuiltinHasDocumentation() {
        for builtin in Self.builtins {
            let spec = builtin.spec
            #expect(!spec.summary.isEmpty, "\(spec.name) has no summary")
            #expect(spec.summary.hasSuffix("."), "\(spec.name)'s summary is not a sentence")
            #expect(!spec.example.isEmpty, "\(spec.name) has no example")
            #expect(!Self.expectedOutput(of: spec.example).isEmpty, "\(spec.name)'s example shows no output")
            for parameter in spec.parameters {
                #expect(!parameter.doc.isEmpty, "\(spec.name)'s parameter \(parameter.name) has no doc")
                #expect(!parameter.types.isEmpty, "\(spec.name)'s parameter \(parameter.name) declares no types")
            }
        }
    }

    @Test(arguments: builtins.map(\.spec.name).enumerated().map { $0 })
    func testExamples_printWhatTheirCommentsSay(index: Int, name: String) {
        let spec = Self.builtins[index].spec
        #expect(TensorScript.run(spec.example) == Self.expectedOutput(of: spec.example), "example of \(name)")
    }

    @Test func testExamples_namesAreUnique() {
        let functions = TensorLibrary.library.functions.map(\.spec.name)
        #expect(Set(functions).count == functions.count)
        let methods = TensorMethods.all.map(\.spec.name)
        #expect(Set(methods).count == methods.count)
    }
}
