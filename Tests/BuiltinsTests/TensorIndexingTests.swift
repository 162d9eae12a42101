import Language
import Testing

@Suite struct TensorIndexingTests {
    private let matrix = "let a = arange(12).reshape(3, 4)\n"

    @Test func testIndexing_integersDropAxes() {
        #expect(TensorScript.run(matrix + "print(a[0], a[1, 2], a[-1], a[-1, -1])") == "[0, 1, 2, 3] 6 [ 8,  9, 10, 11] 11\n")
        #expect(TensorScript.run(matrix + "print(a[1, 2].shape, a[1].shape)") == "[] [4]\n")
    }

    @Test func testIndexing_slicesStepsAndRanges() {
        #expect(TensorScript.run(matrix + "print(a[:, 1])") == "[1, 5, 9]\n")
        #expect(TensorScript.run(matrix + "print(a[0, 1:3], a[0, ::2], a[0, ::-1], a[0, -2:])") == "[1, 2] [0, 2] [3, 2, 1, 0] [2, 3]\n")
        #expect(TensorScript.run(matrix + "print(a[1..<3, 0], a[0..<2].shape)") == "[4, 8] [2, 4]\n")
        #expect(TensorScript.run(matrix + "print(a[5:].shape)") == "[0, 4]\n")
    }

    @Test func testIndexing_nilAddsAnAxis() {
        #expect(TensorScript.run(matrix + "print(a[nil].shape, a[:, nil].shape, a[0, nil].shape)") == "[1, 3, 4] [3, 1, 4] [1, 4]\n")
    }

    @Test func testIndexing_listsOfPositionsPick() {
        #expect(TensorScript.run(matrix + "print(a[[2, 0, 2], 0])") == "[8, 0, 8]\n")
        #expect(TensorScript.run(matrix + "print(a[:, [3, 0]])") == "[[ 3,  0],\n [ 7,  4],\n [11,  8]]\n")
        #expect(TensorScript.run(matrix + "print(a[1, [-1]], a[tensor([1]), 1:3])") == "[7] [[5, 6]]\n")
        #expect(TensorScript.run(matrix + "print(a[nil, [0, 1]].shape)") == "[1, 2, 4]\n")
    }

    @Test func testIndexing_assignmentChangesTheObjectInPlace() {
        let output = TensorScript.run(
            """
            let a = zeros(2, 3)
            let alias = a
            let kept = a.copy()
            a[0] = 1
            a[1, 1:] = tensor([7, 8])
            a[:, 0] += 5
            print(a)
            print(alias == a, kept.sum())
            """)
        #expect(output == "[[6, 1, 1],\n [5, 7, 8]]\n[[1, 1, 1],\n [1, 1, 1]] 0\n")
    }

    @Test func testIndexing_lenAndIteration() {
        let output = TensorScript.run(
            """
            for row in arange(4).reshape(2, 2) { print(row) }
            var total = 0
            for x in tensor([1, 2, 3]) { total = total + x.item() }
            print(total)
            """)
        #expect(output == "[0, 1]\n[2, 3]\n6\n")
        let script = TensorScript()
        guard case .success(let value) = script.interpreter.evaluate(source: "zeros(5, 2)") else {
            Issue.record("zeros failed")
            return
        }
        if case .host(let object) = value { #expect(object.count == 5) }
    }

    @Test func testIndexing_errors() {
        #expect(TensorScript.error("tensor([1])[5]") == "tensor index: index 5 is out of range for axis 0 of size 1 (shape [1])")
        #expect(TensorScript.error("tensor([1])[0, 0]") == "tensor index: too many indices for shape [1]: got 2, expected at most 1")
        #expect(TensorScript.error("tensor([1])[1.5]") == "tensor index: expected an integer, a slice, nil or a list of integers, got 1.5")
        #expect(TensorScript.error("tensor([1])[\"x\"]") == "tensor index: expected an integer, a slice, nil or a list of integers, got string")
        #expect(TensorScript.error("tensor([1])[::0]") == "tensor index: slice step cannot be 0")
        #expect(TensorScript.error("zeros(2, 2)[[0], [1]]") == "tensor index: only one position may be a list of integers")
        #expect(TensorScript.error("zeros(2)[[0.5]]") == "tensor index: a list of positions holds integers, found 0.5")
        #expect(TensorScript.error("let t = zeros(2)\nt[[0]] = 1") == "tensor index: assignment takes integers, slices and nil, not a list of positions")
        #expect(TensorScript.error("let t = zeros(2)\nt[0] = \"x\"") == "tensor index: assigned value must be a number or a tensor, got string")
        #expect(
            TensorScript.error("let t = zeros(2, 2)\nt[0] = tensor([1, 2, 3])")
                == "tensor index: value of shape [3] cannot be broadcast to the selection's shape [2]")
    }
}
