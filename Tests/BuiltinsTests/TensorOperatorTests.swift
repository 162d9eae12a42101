import Testing

@Suite struct TensorOperatorTests {
    @Test func testOperators_arithmeticWithNumbersOnEitherSide() {
        let output = TensorScript.run(
            """
            let a = tensor([1, 2, 4])
            print(a + 1, 1 + a, a - 1, 10 - a)
            print(a * 3, 3 * a, a / 2, 8 / a)
            print(a ** 2, 2 ** a, -a, +a)
            """)
        #expect(output == "[2, 3, 5] [2, 3, 5] [0, 1, 3] [9, 8, 6]\n[ 3,  6, 12] [ 3,  6, 12] [0.5, 1. , 2. ] [8, 4, 2]\n[ 1,  4, 16] [ 2,  4, 16] [-1, -2, -4] [1, 2, 4]\n")
    }

    @Test func testOperators_broadcasting() {
        let output = TensorScript.run(
            """
            let col = tensor([[1], [2]])
            let row = tensor([10, 20, 30])
            print(col + row)
            print((col * row).shape, (row - col).shape)
            """)
        #expect(output == "[[11, 21, 31],\n [12, 22, 32]]\n[2, 3] [2, 3]\n")
    }

    @Test func testOperators_matrixProduct() {
        let output = TensorScript.run(
            """
            let a = tensor([[1, 2], [3, 4]])
            print(a @ a)
            print(a @ tensor([1, 1]), tensor([1, 1]) @ a, tensor([1, 2]) @ tensor([3, 4]))
            print((zeros(5, 2, 3) @ ones(3, 4)).shape)
            """)
        #expect(output == "[[ 7, 10],\n [15, 22]]\n[3, 7] [4, 6] 11\n[5, 2, 4]\n")
    }

    @Test func testOperators_comparisonsGiveZerosAndOnes() {
        let output = TensorScript.run(
            """
            let a = tensor([1, 2, 3])
            print(a < 2, a <= 2, a > 2, a >= 2, a == 2, a != 2)
            print(2 < a, a == tensor([1, 0, 3]))
            """)
        #expect(output == "[1, 0, 0] [1, 1, 0] [0, 0, 1] [0, 1, 1] [0, 1, 0] [1, 0, 1]\n[0, 0, 1] [1, 0, 1]\n")
    }

    @Test func testOperators_compoundAssignmentMakesANewTensor() {
        let output = TensorScript.run(
            """
            var a = tensor([1, 2])
            let b = a
            a += 1
            a *= 2
            print(a, b)
            """)
        #expect(output == "[4, 6] [1, 2]\n")
    }

    @Test func testOperators_equalityWithOtherTypesIsFalse() {
        #expect(TensorScript.run("print(zeros(1) == nil, zeros(1) == \"a\", zeros(1) != nil)") == "false false true\n")
    }

    @Test func testOperators_errors() {
        #expect(TensorScript.error("tensor([1, 2]) + tensor([1, 2, 3])") == "'+': shapes [2] and [3] cannot be broadcast (axis 0: 2 vs 3)")
        #expect(
            TensorScript.error("zeros(2, 3) @ zeros(4, 5)")
                == "'@': shapes [2, 3] and [4, 5] do not align (expected a.shape[-1] == b.shape[-2])")
        #expect(TensorScript.error("tensor([1]) % 2") == "cannot apply '%' to tensor and number")
        #expect(TensorScript.error("tensor([1]) + \"a\"") == "cannot apply '+' to tensor and string")
        #expect(TensorScript.error("if tensor([1]) > 0 { 1 }") == "condition must be a bool, got tensor")
    }
}
