import Testing

@Suite struct TensorAutogradTests {
    @Test func testAutograd_gradientsOfALinearModel() {
        let output = TensorScript.run(
            """
            let w = param([[1, 2], [3, 4]])
            let b = param([0.5, -0.5])
            let x = tensor([[1, 0], [0, 1], [1, 1]])
            let loss = ((x @ w.T + b) ** 2).mean()
            print(loss.requires_grad, loss.item())
            loss.backward()
            print(w.grad)
            print(b.grad)
            """)
        #expect(output == "true 13.583334\n[[1.6667, 2.    ],\n [3.    , 3.3333]]\n[2.5   , 4.1667]\n")
    }

    @Test func testAutograd_gradientsAccumulateUntilZeroed() {
        let output = TensorScript.run(
            """
            let w = param([1, 2])
            print(w.grad)
            (w * w).sum().backward()
            (w * w).sum().backward()
            print(w.grad)
            w.zero_grad()
            print(w.grad)
            """)
        #expect(output == "nil\n[4, 8]\nnil\n")
    }

    @Test func testAutograd_throughIndexingJoiningAndFunctions() {
        let output = TensorScript.run(
            """
            let c = param(zeros(3))
            (c[1] * 5 + c.sum()).backward()
            print(c.grad)
            let s = param([1, 2])
            cat([s, s * 2]).max().backward()
            print(s.grad)
            let k = param([[1, 2]])
            linear(ones(4, 2), k).sum().backward()
            print(k.grad)
            let p = param([3, 4])
            cross_entropy(stack([p, p * 0]), [1, 0]).backward()
            print(p.grad.shape)
            """)
        #expect(output == "[1, 6, 1]\n[0, 2]\n[[4, 4]]\n[2]\n")
    }

    @Test func testAutograd_noGradFrozenAndDetached() {
        let output = TensorScript.run(
            """
            let w = param([1, 2])
            print(no_grad(fn() { (w * 2).requires_grad }), (w * 2).requires_grad)
            print(w.detach().requires_grad, w.value.requires_grad)
            w.requires_grad = false
            print(w.requires_grad, (w * 2).requires_grad)
            """)
        #expect(output == "false true\nfalse false\nfalse false\n")
    }

    @Test func testAutograd_valueAssignmentAndManualUpdate() {
        let output = TensorScript.run(
            """
            let w = param([1, 2])
            (w * w).sum().backward()
            no_grad(fn() { w.value = w - 0.25 * w.grad })
            print(w)
            w[0] = 7
            print(w.value, w.requires_grad)
            """)
        #expect(output == "param([0.5, 1. ])\n[7, 1] true\n")
    }

    @Test func testAutograd_sgdLoopFitsALine() {
        let output = TensorScript.run(
            """
            let x = linspace(-1, 1, count: 20).reshape(20, 1)
            let y = 3 * x + 0.5
            let w = param(zeros(1, 1))
            let b = param(zeros(1))
            let opt = sgd([w, b], lr: 0.5, momentum: 0.5)
            let first = ((x @ w + b - y) ** 2).mean().item()
            var last = first
            for step in 0..<100 {
                opt.zero_grad()
                let loss = ((x @ w + b - y) ** 2).mean()
                loss.backward()
                opt.step()
                last = loss.item()
            }
            print(last < first / 1000, (w.value - 3).abs().item() < 0.01, (b.value - 0.5).abs().item() < 0.01)
            """)
        #expect(output == "true true true\n")
    }

    @Test func testAutograd_adamClassifierReducesItsLoss() {
        let output = TensorScript.run(
            """
            let x = tensor([[2, 0], [0, 2], [-2, 0], [0, -2]])
            let labels = [0, 1, 2, 3]
            let w = param(randn(2, 4) * 0.1)
            let b = param(zeros(4))
            let opt = adam([w, b], lr: 0.1)
            let before = cross_entropy(x @ w + b, labels).item()
            for i in 0..<60 {
                opt.zero_grad()
                let loss = cross_entropy(x @ w + b, labels)
                loss.backward()
                clip_grad_norm([w, b], max_norm: 5)
                opt.step()
            }
            let logits = x @ w + b
            print(cross_entropy(logits, labels).item() < before / 10, logits.argmax(axis: 1))
            """)
        #expect(output == "true [0, 1, 2, 3]\n")
    }

    @Test func testAutograd_optimizerObjects() {
        let output = TensorScript.run(
            """
            let w = param([1])
            let opt = adamw([w], lr: 0.01)
            print(opt, opt.lr, opt.params)
            opt.lr = 0.5
            print(opt.lr, sgd([w, w], lr: 0.1))
            let g = param([3, 4])
            (g * g).sum().backward()
            print(clip_grad_norm([g], max_norm: 1), g.grad)
            """)
        #expect(output == "adamw(1 param, lr: 0.01) 0.01 [param([1])]\n0.5 sgd(2 params, lr: 0.1)\n10 [0.6, 0.8]\n")
    }

    @Test func testAutograd_optimizerMatchesTheUpdateRule() {
        // One SGD step with momentum and weight decay, as PyTorch computes it: g = 2w + wd·w, w -= lr·g.
        #expect(
            TensorScript.run(
                "let w = param([1, -2])\nlet opt = sgd([w], lr: 0.1, momentum: 0.9, weight_decay: 0.5)\n(w * w).sum().backward()\nopt.step()\nprint(w.value)")
                == "[ 0.75, -1.5 ]\n")
        // Adam's first step moves every weight by lr against the sign of its gradient.
        #expect(
            TensorScript.run("let w = param([1, -1])\nlet opt = adam([w], lr: 0.1)\n(w * w).sum().backward()\nopt.step()\nprint(w.value)")
                == "[ 0.9, -0.9]\n")
    }

    @Test func testAutograd_valuesOutliveTheParamsTheyCameFrom() {
        // Nothing names the params once loss() returns; backward() must still reach them safely.
        let output = TensorScript.run(
            """
            fn loss(scale) { (param([1, 2]) * scale).sum() }
            var total = 0
            for i in 0..<300 {
                let l = loss(i)
                l.backward()
                total += l.item()
            }
            print(total)
            """)
        #expect(output == "134550\n")
    }

    @Test func testAutograd_errors() {
        #expect(TensorScript.error("zeros(2).backward()") == "backward: expected a scalar loss, got shape [2]")
        #expect(TensorScript.error("tensor(1).backward()") == "backward: this value does not depend on any parameter (nothing to differentiate)")
        #expect(TensorScript.error("let w = param([1])\nw.value = zeros(3)") == "param.value: expected a tensor of shape [1], got [3]")
        #expect(TensorScript.error("let w = param([1])\nw.value = \"x\"") == "param.value: expected a tensor, got string")
        #expect(TensorScript.error("let w = param([1])\nw.grad = 1") == "cannot set 'grad' on a param (only value and requires_grad)")
        #expect(TensorScript.error("no_grad(1)") == "bad argument #1 to 'no_grad' (function expected, got number)")
        #expect(TensorScript.error("sgd([1], lr: 0.1)") == "bad argument #1 to 'sgd' (list of params expected, element 0 is a number)")
        #expect(TensorScript.error("sgd([param([1])])") == "bad argument #2 to 'sgd' (lr expected, got no value)")
        #expect(TensorScript.error("sgd([param([1])], lr: -1)") == "bad argument #2 to 'sgd' (non-negative number expected, got -1)")
        #expect(TensorScript.error("sgd([param([1])], lr: 0.1, nesterov: true)") == "bad argument #4 to 'sgd' (nesterov needs a momentum above 0)")
        #expect(TensorScript.error("adam([param([1])], beta1: 1)") == "bad argument #3 to 'adam' (number in [0, 1) expected, got 1)")
        #expect(TensorScript.error("let o = adam([param([1])])\no.lr = -1") == "optimizer.lr: expected a non-negative number, got -1")
        #expect(TensorScript.error("let o = adam([param([1])])\no.params = []") == "cannot set 'params' on an optimizer (only lr)")
    }
}
