import Testing

@Suite struct TensorFunctionTests {
    @Test func testFunctions_convolution() {
        let output = TensorScript.run(
            """
            let x = arange(16).reshape(1, 1, 4, 4)
            print(conv2d(x, ones(1, 1, 2, 2), stride: 2))
            print(conv2d(x, ones(2, 1, 3, 3), bias: tensor([0, 100]), padding: 1).shape)
            print(conv2d(arange(9).reshape(1, 3, 3), ones(1, 1, 2, 2)))
            """)
        #expect(output == "[[[[10, 18],\n   [42, 50]]]]\n[1, 2, 4, 4]\n[[[ 8, 12],\n  [20, 24]]]\n")
    }

    @Test func testFunctions_poolingResizeAndPad() {
        let output = TensorScript.run(
            """
            let x = arange(16).reshape(1, 1, 4, 4)
            print(max_pool2d(x, 2, stride: 1).shape, avg_pool2d(x, 2).flatten())
            print(avg_pool2d(x, 2, padding: 1)[0, 0, 0])
            print(resize(x, 2, 2).flatten(), resize(x, 8, 8).shape)
            print(pad(tensor([[1]]), 1))
            print(pad(zeros(1, 1, 2, 2), [[1, 1], [2, 2]]).shape, pad(tensor([1]), [[1, 2]], value: 9))
            """)
        #expect(
            output
                == "[1, 1, 3, 3] [ 2.5,  4.5, 10.5, 12.5]\n[0.  , 0.75, 0.75]\n[ 2.5,  4.5, 10.5, 12.5] [1, 1, 8, 8]\n[[0, 0, 0],\n [0, 1, 0],\n [0, 0, 0]]\n[1, 1, 4, 6] [9, 1, 9, 9]\n"
        )
    }

    @Test func testFunctions_joiningAndSelecting() {
        let output = TensorScript.run(
            """
            print(cat([ones(2, 1), zeros(2, 2)], axis: 1))
            print(stack([tensor([1, 2]), [3, 4]]), stack([tensor([1, 2]), [3, 4]], axis: 1).shape)
            print(where(tensor([1, 0, 1]), tensor([1, 2, 3]), tensor([10, 20, 30])), where(tensor([0, 1]), 5, -5))
            print(matmul(zeros(4, 2, 3), ones(3)).shape)
            print(linear(tensor([[1, 2]]), tensor([[1, 1], [2, 0]]), bias: tensor([10, 20])))
            """)
        #expect(
            output
                == "[[1, 0, 0],\n [1, 0, 0]]\n[[1, 2],\n [3, 4]] [2, 2]\n[ 1, 20,  3] [-5,  5]\n[4, 2]\n[[13, 22]]\n")
    }

    @Test func testFunctions_losses() {
        let output = TensorScript.run(
            """
            let logits = tensor([[2, 1, 0], [0, 0, 3]])
            print(cross_entropy(logits, [0, 2]), cross_entropy(logits, tensor([0, 2])))
            print(focal_loss(logits, [0, 2], gamma: 0), nll_loss(logits.log_softmax(), [0, 2]))
            print(focal_loss(logits, [0, 2]))
            print(mse_loss(tensor([1, 2, 3]), 2), mse_loss(tensor([[1, 2]]), [[0, 0]]))
            print(one_hot(tensor([1, 0]), 2))
            """)
        // Reference values from numpy: 0.25126446 for the cross-entropy, 0.02322811 for the focal loss.
        #expect(output == "0.2513 0.2513\n0.2513 0.2513\n0.0232\n0.6667 2.5\n[[0, 1],\n [1, 0]]\n")
    }

    @Test func testFunctions_badArguments() {
        #expect(TensorScript.error("matmul(2, tensor([1]))") == "bad argument #1 to 'matmul' (tensor or param expected, got number)")
        #expect(
            TensorScript.error("matmul(tensor([[1, 2, 3]]), zeros(4, 5))")
                == "matmul: shapes [1, 3] and [4, 5] do not align (expected a.shape[-1] == b.shape[-2])")
        #expect(TensorScript.error("zeros(2, \"a\")") == "bad argument #2 to 'zeros' (integer or list expected, got string)")
        #expect(TensorScript.error("zeros([2, 0.5])") == "bad argument #1 to 'zeros' (number has no integer representation)")
        #expect(TensorScript.error("zeros(-1)") == "zeros: dimensions must be non-negative, got [-1]")
        #expect(TensorScript.error("rand(100000, 100000)") == "rand: shape [100000, 100000] holds more than 1073741824 elements (2^30)")
        #expect(TensorScript.error("tensor([[1, 2], [3]])") == "tensor: element [1] has shape [1], but the elements before it have shape [2]")
        #expect(TensorScript.error("tensor([1, [\"a\"]])") == "tensor: expected numbers or nested lists of numbers, got string at [1][0]")
        #expect(TensorScript.error("let l = [1]\nl[0] = l\ntensor(l)") == "tensor: lists nest more than 32 levels deep")
        #expect(TensorScript.error("full([2], \"x\")") == "bad argument #2 to 'full' (number expected, got string)")
        #expect(TensorScript.error("arange(0, 1, 0)") == "arange: step cannot be 0")
        #expect(TensorScript.error("arange(0, 1e12)") == "arange: 0 to 1000000000000 by 1 holds more than 1073741824 elements")
        #expect(TensorScript.error("eye(-1)") == "eye: size must be non-negative, got -1")
        #expect(TensorScript.error("linspace(0, 1, count: -2)") == "linspace: count must be non-negative, got -2")
        #expect(TensorScript.error("randperm(-1)") == "bad argument #1 to 'randperm' (a count in 0...16777216 expected, got -1)")
        #expect(TensorScript.error("conv2d(zeros(1, 1, 3, 3), zeros(1, 2, 2, 2))") == "conv2d: input [1, 1, 3, 3] has 1 channels but weight [1, 2, 2, 2] expects 2")
        #expect(TensorScript.error("max_pool2d(zeros(2, 2), 2)") == "max_pool2d: expected an input of shape N×C×H×W or C×H×W, got [2, 2]")
        #expect(TensorScript.error("resize(zeros(2, 2), 0, 1)") == "resize: target size must be at least 1×1, got 0×1")
        #expect(TensorScript.error("resize(zeros(2, 2), 100000, 100000)") == "resize: shape [100000, 100000] holds more than 1073741824 elements (2^30)")
        #expect(TensorScript.error("pad(zeros(2), [[1]])") == "bad argument #2 to 'pad' (list of [before, after] integer pairs expected, found [1])")
        #expect(TensorScript.error("pad(zeros(2), 100000000000)") == "pad: shape [200000000002] holds more than 1073741824 elements (2^30)")
        #expect(TensorScript.error("zeros(5000, 5000).tolist()") == "tolist: 25000000 elements are too many for a list (at most 16777216)")
        #expect(TensorScript.error("cat([])") == "cat: expected at least one tensor, got none")
        #expect(TensorScript.error("cat([zeros(2), \"x\"])") == "bad argument #1 to 'cat' (list of tensors expected, element 1 is a string)")
        #expect(TensorScript.error("stack([zeros(2), zeros(3)])") == "stack: tensor 1 has shape [3], expected [2] like tensor 0")
        #expect(TensorScript.error("where(zeros(2), zeros(3), 1)") == "where: shapes [2] and [3] cannot be broadcast (axis 0: 2 vs 3)")
        #expect(TensorScript.error("cross_entropy(zeros(2, 3), [0, 5])") == "cross_entropy: label 5 is out of range for 3 classes (expected 0..<3)")
        #expect(TensorScript.error("cross_entropy(zeros(2, 3), [0.5, 1])") == "bad argument #2 to 'cross_entropy' (list of integers expected, found 0.5)")
        #expect(TensorScript.error("cross_entropy(zeros(2, 3), tensor([0.5]))") == "bad argument #2 to 'cross_entropy' (tensor of whole numbers expected, found 0.5)")
        #expect(TensorScript.error("one_hot([3], 2)") == "one_hot: label 3 is out of range for 2 classes (expected 0..<2)")
        #expect(TensorScript.error("one_hot([1], 1e12)") == "one_hot: shape [1, 1000000000000] holds more than 1073741824 elements (2^30)")
    }
}
