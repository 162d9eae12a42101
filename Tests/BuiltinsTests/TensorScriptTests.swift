import Foundation
import Testing

@testable import Builtins
@testable import Language

/// Runs scripts through an interpreter with every library of the prelude open, and collects what
/// they print.
final class TensorScript {
    let interpreter: Interpreter
    private let buffer = TextBuffer()

    init() {
        let buffer = self.buffer
        interpreter = Prelude.makeInterpreter(output: { buffer.text += $0 })
    }

    /// What `source` printed, followed by the error it stopped with (`file:line:col: error: ...`
    /// headline only), if any.
    func run(_ source: String) -> String {
        buffer.text = ""
        switch interpreter.evaluate(source: source, name: "test.recast") {
        case .success: return buffer.text
        case .failure(let diagnostics): return buffer.text + diagnostics.items.map(\.headline).joined(separator: "\n") + "\n"
        }
    }

    /// The message of the error `source` stops with, or nil when it runs through.
    func error(_ source: String) -> String? {
        guard case .failure(let diagnostics) = interpreter.evaluate(source: source, name: "test.recast") else { return nil }
        return diagnostics.items.first?.message
    }

    /// Runs `source` in a fresh interpreter.
    static func run(_ source: String) -> String { TensorScript().run(source) }

    /// The error message of `source` in a fresh interpreter.
    static func error(_ source: String) -> String? { TensorScript().error(source) }
}

final class TextBuffer: @unchecked Sendable {
    var text = ""
}

@Suite struct TensorScriptTests {
    @Test func testScript_creation() {
        #expect(TensorScript.run("print(tensor([[1, 2], [3, 4]]))") == "[[1, 2],\n [3, 4]]\n")
        #expect(TensorScript.run("print(zeros(2, 3))") == "[[0, 0, 0],\n [0, 0, 0]]\n")
        #expect(TensorScript.run("print(ones([3]), full([2], 2.5), eye(2).tolist())") == "[1, 1, 1] [2.5, 2.5] [[1, 0], [0, 1]]\n")
        #expect(TensorScript.run("print(arange(5), arange(2, 5), arange(0, 1, 0.25))") == "[0, 1, 2, 3, 4] [2, 3, 4] [0.  , 0.25, 0.5 , 0.75]\n")
        #expect(TensorScript.run("print(linspace(0, 1, count: 3))") == "[0. , 0.5, 1. ]\n")
        #expect(TensorScript.run("print(tensor(3), tensor([]).shape)") == "3 [0]\n")
        #expect(TensorScript.run("print(tensor([tensor([1, 2]), [3, 4]]).shape)") == "[2, 2]\n")
    }

    @Test func testScript_randomIsSeededPerInterpreter() {
        let first = TensorScript.run("print(rand(3), randn(2), randperm(5))")
        let second = TensorScript.run("print(rand(3), randn(2), randperm(5))")
        #expect(first == second)
        let values = TensorScript.run("let x = rand(1000)\nprint(x.min().item() >= 0, x.max().item() < 1, x.mean().item() > 0.45, x.mean().item() < 0.55)")
        #expect(values == "true true true true\n")
        let normal = TensorScript.run("let x = randn(2000)\nprint(x.mean().item() > -0.1, x.mean().item() < 0.1, x.std().item() > 0.9, x.std().item() < 1.1)")
        #expect(normal == "true true true true\n")
        #expect(TensorScript.run("print(tensor(randperm(6)).sum())") == "15\n")
    }

    @Test func testScript_seedRepeatsTheSequence() {
        let output = TensorScript.run(
            """
            seed(7)
            let a = rand(4).tolist() + randn(2).tolist() + randperm(5)
            seed(7)
            let b = rand(4).tolist() + randn(2).tolist() + randperm(5)
            seed(8)
            let c = rand(4).tolist()
            print(a == b, a[0..<4] == c)
            """)
        #expect(output == "true false\n")
    }

    @Test func testScript_randomBuiltinsShareOneGenerator() {
        // rand() advances the generator random() draws from, as one sequence.
        let output = TensorScript.run("seed(1)\nlet x = random()\nseed(1)\nrand(1)\nprint(random() != x)")
        #expect(output == "true\n")
    }
}
