import Foundation
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

    @Test func testGreedy_addsModelsUpToTheCap() {
        let out = transcript(setup + """
            let picked = greedy([a, b], data.train, metric: "logme", max: 1)
            print(len(picked.names), len(picked.scores), picked.queries)
            """)
        #expect(out == "1 1 0\n")
    }

    @Test func testTarget_builtInTasksAndUnknownName() {
        let out = transcript("""
            let task = target("mixed", per_class: 5)
            print(task.train.class_count, task.train.count + task.test.count)
            """)
        #expect(out == "22 110\n")
        #expect(transcript("target(\"fancy\")").contains(
            "target: unknown target \"fancy\" (expected one of \"related\", \"mixed\", \"unrelated\", \"uci-digits\", \"mnist\")"))
    }

    @Test func testGroundTruth_correlatesAndPlots() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recast-truth-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = transcript(setup + """
            let truth = groundtruth([a, b], data, method: "probe", epochs: 1)
            let ranks = select([a, b], data.train, metric: "logme")
            let c = ranks.correlate(truth)
            print(truth.names, truth.method, c.keys())
            truth.plot("\(path)", ranks)
            """)
        #expect(out == "[\"a\", \"b\"] probe [\"weighted_tau\", \"pearson\", \"rel@1\", \"rel@3\"]\n")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(transcript(setup + "groundtruth([a], data, method: \"guess\")").contains(
            "groundtruth: unknown method \"guess\" (expected \"probe\" or \"finetune\")"))
    }

    @Test func testRecycle_whiteBoxAndBlackBoxReportParametersAndQueries() {
        let out = transcript(setup + """
            let probe = recycle([a, b], data, method: "probe", epochs: 1)
            print(probe.params, probe.queries, probe.accuracy(data) >= 0, len(probe.predict(data.test)))
            let head = recycle([a.blackbox(), b.blackbox()], data, method: "head", epochs: 1)
            print(head.params, head.queries > 0, head.test_accuracy != nil)
            """)
        // The probe reads each model's features, the 784 inputs of its only linear layer:
        // (784 + 784) × 10 + 10; the head reads the 10 + 10 probabilities: 20 × 10 + 10.
        #expect(out == "15690 0 true 20\n210 true true\n")
        #expect(transcript(setup + "recycle([a], data, method: \"magic\")").contains(
            "recycle: unknown method \"magic\" (expected one of \"probe\", \"bitfit\", \"lora\", \"mix\", \"head\", \"finetune\")"))
    }

    @Test func testBaseline_kindsAndUnknownKind() {
        let out = transcript(setup + """
            let probe = baseline(a, data, kind: "probability-head", epochs: 1)
            print(probe["kind"], probe["params"], probe["queries"])
            """)
        #expect(out == "probability-head 110 [\"total\": 100, \"training\": 80, \"mapping\": 0, \"evaluation\": 20]\n")
        #expect(transcript(setup + "baseline(a, data, kind: \"oracle\")").contains(
            "bad argument #3 to 'baseline' (expected linear-probe, probability-head or scratch, got \"oracle\")"))
    }

    @Test func testReprogram_saveAndLoadPredictAlikeAndBadLoss() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recast-rp-\(getpid()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = transcript(setup + """
            let rp = reprogram(a, data.train, input: "full", mapping: "flm", epochs: 1, loss: "focal:1.5", bound: "tanh", l2: 0.01, val: 0)
            rp.save("\(path)")
            let again = load_reprogrammed("\(path)", a)
            print(again.predict(data.test) == rp.predict(data.test))
            rp.perturbation.png("\(path).png", cmap: "rdbu")
            print(exists("\(path).png"))
            """)
        try? FileManager.default.removeItem(atPath: path + ".png")
        #expect(out == "true\ntrue\n")
        #expect(transcript(setup + "reprogram(a, data.train, loss: \"hinge\")").contains(
            "bad argument #11 to 'reprogram' (expected ce, focal or focal:γ with γ ≥ 0, got \"hinge\")"))
    }

    @Test func testPathway_variantsOptionsAndSaveLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recast-hub-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = transcript(setup + """
            let lib = hub("\(folder)")
            lib.add(a)
            lib.add(b)
            let ensemble = pathway(lib, data.train, epochs: 1, variant: "uniform-ensemble")
            print(ensemble.k, ensemble.runs)
            let pw = pathway(lib, data.train, k: 1, epochs: 1, noise: 0.5, explore: "entropy", exploit: 0)
            pw.save("\(folder)/pw.safetensors")
            let again = load_pathway("\(folder)/pw.safetensors", lib)
            print(again.predict(data.test) == pw.predict(data.test))
            """)
        #expect(out == "2 [\"a\": 80, \"b\": 80]\ntrue\n")
        #expect(transcript(setup + "pathway([a, b], data.train, variant: \"oracle\")").contains(
            "bad argument #11 to 'pathway' (expected one of pathway, no-noise, no-exploration, no-exploitation, dense, uniform-ensemble, best-single, got \"oracle\")"))
        #expect(transcript(setup + "pathway([a, b], data.train, noise: \"loud\")").contains(
            "bad argument #6 to 'pathway' (expected learned, none or a number σ, got \"loud\")"))
    }

    @Test func testTable_alignsColumnsAndRefusesNonListRows() {
        #expect(transcript("print(table([[\"a\", 1.5], [\"bb\", 22]], header: [\"name\", \"n\"]))")
            == "name    n\n----  ---\na     1.5\nbb     22\n")
        #expect(transcript("table([1])").contains("bad argument #1 to 'table' (each row must be a list, row 0 is number)"))
    }
}
