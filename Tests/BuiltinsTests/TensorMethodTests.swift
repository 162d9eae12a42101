import Testing

@Suite struct TensorMethodTests {
    private let matrix = "let a = tensor([[1, 2, 3], [4, 5, 6]])\n"

    @Test func testMethods_properties() {
        #expect(TensorScript.run(matrix + "print(a.shape, a.ndim, a.size, a.dtype, a.requires_grad)") == "[2, 3] 2 6 float32 false\n")
        #expect(TensorScript.run(matrix + "print(a.T)") == "[[1, 4],\n [2, 5],\n [3, 6]]\n")
    }

    @Test func testMethods_shapeChanges() {
        #expect(TensorScript.run(matrix + "print(a.reshape(3, 2).shape, a.reshape([6]).shape, a.reshape(-1, 2).shape)") == "[3, 2] [6] [3, 2]\n")
        #expect(TensorScript.run(matrix + "print(a.transpose().shape, zeros(2, 3, 4).transpose([1, 2, 0]).shape)") == "[3, 2] [3, 4, 2]\n")
        #expect(TensorScript.run(matrix + "print(a.flatten(), zeros(2, 3, 4).flatten(start: 0, end: 1).shape)") == "[1, 2, 3, 4, 5, 6] [6, 4]\n")
        #expect(TensorScript.run(matrix + "print(zeros(1, 2, 1).squeeze(axis: 0).shape, a.unsqueeze(-1).shape)") == "[2, 1] [2, 3, 1]\n")
    }

    @Test func testMethods_reductions() {
        #expect(TensorScript.run(matrix + "print(a.sum(), a.sum(axis: 0), a.sum(axis: [0, 1]))") == "21 [5, 7, 9] 21\n")
        #expect(TensorScript.run(matrix + "print(a.sum(axis: 1, keepdims: true))") == "[[ 6],\n [15]]\n")
        #expect(TensorScript.run(matrix + "print(a.mean(), a.max(), a.min(axis: 0))") == "3.5 6 [1, 2, 3]\n")
        #expect(TensorScript.run(matrix + "print(a.variance(), a.variance(ddof: 1), a.std(axis: 1))") == "2.9167 3.5 [0.8165, 0.8165]\n")
        #expect(TensorScript.run(matrix + "print(a.argmax(), a.argmax(axis: 1), a.argmin(axis: 0, keepdims: true))") == "5 [2, 2] [[0, 0, 0]]\n")
        #expect(TensorScript.run(matrix + "print(a.any(), zeros(2).any(), a.all(), tensor([1, 0]).all())") == "true false true false\n")
    }

    @Test func testMethods_elementWise() {
        #expect(TensorScript.run("print(tensor([0, 1]).exp(), tensor([1, 4]).log(), tensor([4, 9]).sqrt())") == "[1.    , 2.7183] [0.    , 1.3863] [2, 3]\n")
        #expect(TensorScript.run("print(tensor([-2, 3]).abs(), tensor([-2, 3]).square(), tensor([-1, 1]).relu())") == "[2, 3] [4, 9] [0, 1]\n")
        #expect(TensorScript.run("print(tensor([0.5]).tanh(), tensor([0]).sigmoid(), tensor([0]).softplus())") == "[0.4621] [0.5] [0.6931]\n")
        #expect(TensorScript.run("print(tensor([2, 3]).pow(tensor([3, 2])), tensor([2, 3]).pow(2))") == "[8, 9] [4, 9]\n")
        #expect(TensorScript.run("print(tensor([-1, 5]).clamp(min: 0), tensor([-1, 5]).clamp(max: 0))") == "[0, 5] [-1,  0]\n")
    }

    @Test func testMethods_softmax() {
        #expect(TensorScript.run("print(tensor([1, 2, 3]).softmax())") == "[0.09  , 0.2447, 0.6652]\n")
        #expect(TensorScript.run("print(tensor([[1, 1], [0, 0]]).softmax(axis: 0))") == "[[0.7311, 0.7311],\n [0.2689, 0.2689]]\n")
        #expect(TensorScript.run("print(tensor([1, 2]).log_softmax())") == "[-1.3133, -0.3133]\n")
        #expect(TensorScript.run("print(tensor([1000, 0]).softmax())") == "[1, 0]\n")
    }

    @Test func testMethods_values() {
        #expect(TensorScript.run("print(tensor([[2.5]]).item(), tensor([0.1]).item(), tensor(3).tolist())") == "2.5 0.1 3\n")
        #expect(TensorScript.run(matrix + "print(a.tolist(), a.tolist()[1][2])") == "[[1, 2, 3], [4, 5, 6]] 6\n")
    }

    @Test func testMethods_boundMethodsAreValues() {
        #expect(TensorScript.run(matrix + "let total = a.sum\nprint(total(axis: 1))") == "[ 6, 15]\n")
    }

    @Test func testMethods_errors() {
        #expect(TensorScript.error("zeros(2, 3).reshape(4)") == "reshape: cannot reshape [2, 3] (6 elements) into [4]")
        #expect(TensorScript.error("zeros(2).reshape(\"a\")") == "bad argument #1 to 'reshape' (integer or list expected, got string)")
        #expect(TensorScript.error("zeros(2).sum(axis: 3)") == "sum: axis 3 is out of range for shape [2] (expected -1..<1)")
        #expect(TensorScript.error("zeros(2).sum(axis: \"a\")") == "bad argument #1 to 'sum' (integer or list expected, got string)")
        #expect(TensorScript.error("zeros(2).sum(axis: [0.5])") == "bad argument #1 to 'sum' (list of integers expected, found 0.5)")
        #expect(TensorScript.error("zeros(2).std(ddof: 2)") == "bad argument #3 to 'std' (0 or 1 expected, got 2)")
        #expect(TensorScript.error("zeros(2).clamp(min: 2, max: 1)") == "clamp: min 2 is greater than max 1")
        #expect(TensorScript.error("tensor([1, 2]).item()") == "item: expected a tensor with one element, got shape [2]")
        #expect(TensorScript.error("zeros(2).shap") == "tensor has no member 'shap' (did you mean 'shape'?)")
        #expect(TensorScript.error("zeros(2).sum(1, 2, 3)") == "too many arguments to 'sum' (it takes at most 2 arguments, got 3)")
        #expect(TensorScript.error("zeros(2).sum(axes: 0)") == "unknown keyword argument 'axes' to 'sum' (valid: axis, keepdims)")
    }
}
