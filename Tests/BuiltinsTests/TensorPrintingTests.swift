import Testing

@testable import Builtins
@testable import Language

@Suite struct TensorPrintingTests {
    @Test func testPrinting_integersAlignInColumns() {
        #expect(TensorScript.run("print(tensor([[1, 20], [300, 4]]))") == "[[  1,  20],\n [300,   4]]\n")
    }

    @Test func testPrinting_floatsShareOneLayout() {
        #expect(TensorScript.run("print(tensor([0.5, 1.25, -3]))") == "[ 0.5 ,  1.25, -3.  ]\n")
        #expect(TensorScript.run("print(tensor([1, 2]) / 3)") == "[0.3333, 0.6667]\n")
        #expect(TensorScript.run("print(tensor([1e-5, 1, 1000]))") == "[1.e-05, 1.e+00, 1.e+03]\n")
        #expect(TensorScript.run("print(tensor([1, 0, -1]) / 0)") == "[ inf,  nan, -inf]\n")
    }

    @Test func testPrinting_scalarsPrintAsNumbers() {
        #expect(TensorScript.run("print(tensor(2.5), tensor([[1, 2]]).sum())") == "2.5 3\n")
    }

    @Test func testPrinting_longAxesAreSummarised() {
        #expect(TensorScript.run("print(arange(2000))") == "[   0,    1,    2, ..., 1997, 1998, 1999]\n")
        let expected = """
            [[0, 0, 0, ..., 0, 0, 0],
             [0, 0, 0, ..., 0, 0, 0],
             [0, 0, 0, ..., 0, 0, 0],
             ...,
             [0, 0, 0, ..., 0, 0, 0],
             [0, 0, 0, ..., 0, 0, 0],
             [0, 0, 0, ..., 0, 0, 0]]

            """
        #expect(TensorScript.run("print(zeros(100, 100))") == expected)
    }

    @Test func testPrinting_longRowsWrap() {
        let expected = """
            [0.    , 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.    , 1.1429,
             1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.    , 2.1429, 2.2857, 2.4286,
             2.5714, 2.7143, 2.8571, 3.    , 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,
             3.8571, 4.    , 4.1429]

            """
        #expect(TensorScript.run("print(arange(30) / 7)") == expected)
    }

    @Test func testPrinting_rank3SeparatesBlocks() {
        let expected = """
            [[[ 0,  1],
              [ 2,  3]],

             [[10, 11],
              [12, 13]]]

            """
        #expect(TensorScript.run("print(arange(4).reshape(2, 2) + tensor([0, 10]).reshape(2, 1, 1))") == expected)
    }

    @Test func testPrinting_paramsIndentUnderTheirName() {
        let expected = """
            param([[1, 2],
                   [3, 4]])

            """
        #expect(TensorScript.run("print(param([[1, 2], [3, 4]]))") == expected)
        #expect(TensorScript.run("print(param(3))") == "param(3)\n")
    }

    @Test func testPrinting_insideListsAndAsRepr() {
        #expect(TensorScript.run("print([tensor([1]), tensor([2])])") == "[[1], [2]]\n")
        let script = TensorScript()
        guard case .success(let value) = script.interpreter.evaluate(source: "eye(2)", replMode: true) else {
            Issue.record("eye(2) failed")
            return
        }
        #expect(value.repr == "[[1, 0],\n [0, 1]]")
        #expect(value.typeName == "tensor")
    }

    @Test func testPrinting_helpDescribesTheTensor() {
        let script = TensorScript()
        guard case .success(let value) = script.interpreter.evaluate(source: "zeros(2, 3)") else {
            Issue.record("zeros failed")
            return
        }
        let help = script.interpreter.help(for: value)
        #expect(help.hasPrefix("tensor of shape [2, 3] (float32)\n"))
        #expect(help.contains("\n  shape "))
        #expect(help.contains("\n  reshape(...shape) "))
        #expect(help.contains("The same elements under a new shape."))
        #expect(help.contains("sum(axis = nil, keepdims = false)"))
    }

    @Test func testPrinting_helpOfAParamListsItsOwnMembers() {
        let script = TensorScript()
        guard case .success(let value) = script.interpreter.evaluate(source: "param([1])") else {
            Issue.record("param failed")
            return
        }
        let help = script.interpreter.help(for: value)
        #expect(help.hasPrefix("param of shape [1] (float32)\n"))
        #expect(help.contains("\n  grad "))
        #expect(help.contains("\n  zero_grad() "))
    }

    @Test func testPrinting_helpBuiltinOnTensorsAndOptimizers() {
        let tensorHelp = TensorScript.run("help(zeros(2))")
        #expect(tensorHelp.hasPrefix("tensor of shape [2] (float32)\n"))
        // Long signatures put their summary on the next line, under the column.
        #expect(tensorHelp.contains("\n  sum(axis = nil, keepdims = false)\n                            The sum of the elements over axis.\n"))
        let optimizerHelp = TensorScript.run("help(sgd([param([1])], lr: 0.5))")
        #expect(optimizerHelp.hasPrefix("optimizer sgd(1 param, lr: 0.5)\n\n  lr           the learning rate (assignable)\n"))
        #expect(TensorScript.run("help(\"tensor.item\")").hasPrefix("tensor.item()\n  The one element of a one-element tensor, as a number.\n"))
    }
}
