import Foundation
import Testing
import Builtins
import Language

/// The data and model built-ins, run as scripts through the prelude.
@Suite struct ModelBuiltinsTests {
    @Test func testGlyphs_splitAndDescribe() {
        let out = transcript("""
            let task = glyphs(kind: "letters", n: 260, seed: 3).split(0.8)
            print(task.train.count, task.test.count, task.train.class_count)
            print(task.train.classes[0], task.train.shape)
            print(shapes(n: 24).concat(textures(n: 24)).class_count)
            print(glyphs(n: 40).filter(range(3)).classes, glyphs(n: 40).filter([9, 8]).classes)
            """)
        #expect(out == "208 52 26\nA [1, 28, 28]\n24\n[\"0\", \"1\", \"2\"] [\"9\", \"8\"]\n")
    }

    @Test func testFitAndEvaluate_learnAndCountQueries() {
        let out = transcript("""
            let task = glyphs(n: 400, seed: 1).split(0.75)
            let net = model("flatten linear(784,10)", seed: 1)
            let h = fit(net, task.train, epochs: 3, lr: 0.01, val: task.test)
            print(len(h.loss), h.interrupted, h.loss[2] < h.loss[0])
            let r = evaluate(net, task.test)
            print(r["accuracy"] > 0.5, len(r["confusion"]))
            let bb = net.blackbox(budget: 150)
            print(len(bb.predict(task.test)), bb.queries["total"], bb.queries["evaluation"])
            """)
        #expect(out == "3 false true\ntrue 10\n100 100 100\n")
    }

    @Test func testBlackBox_refusesWeightsAndKeepsItsBudget() {
        let out = transcript("""
            let data = glyphs(n: 100, seed: 2)
            let bb = model("flatten linear(784,10)").blackbox(budget: 150)
            bb.predict(data)
            bb.predict(data)
            """)
        #expect(out.contains("query budget exhausted (50 of 150 queries left, 100 requested for evaluation)"))
        let refused = transcript("""
            let bb = model("flatten linear(784,10)").blackbox()
            bb.features(glyphs(n: 10))
            """)
        #expect(refused.contains("model 'model' is a black box: features is not available (only output probabilities, through counted queries)"))
    }

    @Test func testModel_badArchitectureNamesTheColumn() {
        let out = transcript("model(\"flatten relux\")")
        #expect(out.contains("architecture spec, column 9: unknown layer 'relux'"))
    }

    @Test func testGlyphs_badKindIsAnArgumentError() {
        let out = transcript("glyphs(kind: \"runes\")")
        #expect(out.contains("bad argument #1 to 'glyphs' (expected \"digits\", \"letters\" or \"all\", got \"runes\")"))
    }

    @Test func testModelFile_savesAndLoadsIdenticalPredictions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recast-model-\(getpid()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = transcript("""
            let data = glyphs(n: 50, seed: 5)
            let net = model("lenet5", seed: 4, name: "net")
            net.save("\(path)")
            let back = load_model("\(path)")
            print(back.name, net.predict(data) == back.predict(data))
            """)
        #expect(out == "net true\n")
    }
}
