import Testing
import Builtins
import Language

/// select, reprogram and pathway as scripts, on tiny models trained in the script.
@Suite struct MethodBuiltinsTests {
    let setup = """
        let data = glyphs(n: 100, seed: 1).split(0.8)
        let a = model("flatten linear(784,10)", seed: 1, name: "a")
        fit(a, data.train, epochs: 2, lr: 0.01)
        let b = model("flatten linear(784,10)", seed: 2, name: "b")

        """

    @Test func testSelect_ranksEveryModelWithTheMetric() {
        let out = transcript(setup + """
            let r = select([a, b], data.train, metric: "leep")
            print(len(r.names), r.metric, len(r.top(1)))
            """)
        #expect(out == "2 leep 1\n")
    }

    @Test func testReprogram_whiteBoxAndBlackBoxWithinBudget() {
        let out = transcript(setup + """
            let rp = reprogram(a, data.train, input: "full", mapping: "flm", epochs: 1)
            print(rp.accuracy(data.test) >= 0, rp.params, rp.perturbation.shape)
            let bb = reprogram(a.blackbox(budget: 3000), data.train, input: "full", mapping: "flm", optimizer: "rgf", epochs: 1, q: 2)
            print(bb.queries["total"] <= 3000, bb.queries["training"] > 0)
            """)
        #expect(out == "true 784 [1, 28, 28]\ntrue true\n")
    }

    @Test func testReprogram_adamOnABlackBoxIsRefused() {
        let out = transcript(setup + "reprogram(a.blackbox(), data.train)\n")
        #expect(out.contains("reprogram: model 'a' is a black box, so gradients are refused; use optimizer \"rgf\" or \"spsa-gc\""))
    }

    @Test func testPathway_trainsAndRoutes() {
        let out = transcript(setup + """
            let pw = pathway([a, b], data.train, k: 1, epochs: 1)
            print(pw.accuracy(data.test) >= 0, pw.models, len(pw.routing(data.test)["frequency"]))
            """)
        #expect(out == "true [\"a\", \"b\"] 10\n")
    }
}
