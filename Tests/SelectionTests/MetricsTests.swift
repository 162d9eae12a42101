import Foundation
import Testing
@testable import Selection
import Tensors

/// The closed-form task of METHODS.md §1: features f, labels y and source probabilities θ.
struct ReferenceTask {
    let features: Matrix
    let labels: [Int]
    let probabilities: Matrix

    init(samples n: Int, dimensions d: Int, classes c: Int, sourceClasses s: Int = 5) throws {
        labels = (0..<n).map { $0 % c }
        var f = [Double]()
        for i in 0..<n {
            for j in 0..<d {
                let (x, jj) = (Double(i), Double(j))
                f.append(sin(0.7 * x + 1.3 * jj) + 0.1 * cos(0.3 * x * (jj + 1))
                    + (j % c == labels[i] ? 0.8 : 0))
            }
        }
        features = try Matrix(rows: n, cols: d, scalars: f)
        var theta = [Double]()
        for i in 0..<n {
            var logits = [Double](repeating: 0, count: s)
            for k in 0..<s {
                for j in 0..<d { logits[k] += f[i * d + j] * cos(0.5 * Double(j) + Double(k)) }
            }
            let top = logits.max() ?? 0
            let e = logits.map { exp($0 - top) }
            let total = e.reduce(0, +)
            theta.append(contentsOf: e.map { $0 / total })
        }
        probabilities = try Matrix(rows: n, cols: s, scalars: theta)
    }
}

/// Whether `value` is within `tolerance` of `expected`, relative to `expected`.
func close(_ value: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(value - expected) <= tolerance * abs(expected)
}

@Suite struct MetricsTests {
    /// METHODS.md §1, case N = 60, D = 8, C = 3.
    @Test func testMetrics_referenceValuesTall() throws {
        let task = try ReferenceTask(samples: 60, dimensions: 8, classes: 3)
        try expectReference(
            task, logme: 1.1623010826, leep: -1.0873326645, nce: -1.0704042441,
            hscore: 1.9864736386, gbc: -2.4745464551, transrate: 3.6153799481)
    }

    /// METHODS.md §1, case N = 12, D = 20, C = 3 (fewer samples than dimensions).
    @Test func testMetrics_referenceValuesWide() throws {
        let task = try ReferenceTask(samples: 12, dimensions: 20, classes: 3)
        try expectReference(
            task, logme: 0.1808546381, leep: -1.0799264196, nce: -1.0195897235,
            hscore: 2.0000000000, gbc: -0.6445001312, transrate: 15.9779299137)
    }

    private func expectReference(
        _ task: ReferenceTask, logme: Double, leep leepValue: Double, nce nceValue: Double,
        hscore: Double, gbc gbcValue: Double, transrate: Double
    ) throws {
        let (f, y, p) = (task.features, task.labels, task.probabilities)
        let scores = [
            ("logme", try logME(features: f, labels: y), logme),
            ("leep", try leep(probabilities: p, labels: y), leepValue),
            ("nce", try nce(probabilities: p, labels: y), nceValue),
            ("hscore", try hScore(features: f, labels: y), hscore),
            ("gbc", try gbc(features: f, labels: y), gbcValue),
            ("transrate", try transRate(features: f, labels: y), transrate),
        ]
        for (name, value, expected) in scores {
            #expect(close(value, expected, relative: 1e-8), "\(name): \(value) vs \(expected)")
        }
    }

    @Test func testLogME_eigenFormAgreesWithFixedPoint() throws {
        for (n, d) in [(60, 8), (12, 20), (200, 30), (30, 100)] {
            let task = try ReferenceTask(samples: n, dimensions: d, classes: 4)
            let fixed = try logME(features: task.features, labels: task.labels)
            let eigen = try logME(features: task.features, labels: task.labels, form: .eigen)
            #expect(abs(fixed - eigen) < 1e-3, "N=\(n) D=\(d): \(fixed) vs \(eigen)")
        }
    }

    /// The eigen form against the LogME paper's algorithm run in numpy on the same inputs.
    @Test func testLogME_eigenFormMatchesNumpy() throws {
        let tall = try ReferenceTask(samples: 60, dimensions: 8, classes: 3)
        let wide = try ReferenceTask(samples: 12, dimensions: 20, classes: 3)
        let t = try logME(features: tall.features, labels: tall.labels, form: .eigen)
        let w = try logME(features: wide.features, labels: wide.labels, form: .eigen)
        #expect(close(t, 1.1622664104043958, relative: 1e-8))
        #expect(close(w, 0.18058469179384773, relative: 1e-8))
    }

    @Test func testLogME_rankDeficientFeatures() throws {
        // Every column twice: rank 6 of D = 12. Both forms must handle the zero singular
        // values (the fixed-point form by padding) and still agree.
        let task = try ReferenceTask(samples: 40, dimensions: 6, classes: 2)
        var doubled = [Double]()
        for i in 0..<40 {
            for j in 0..<12 { doubled.append(task.features[i, j % 6]) }
        }
        let f = try Matrix(rows: 40, cols: 12, scalars: doubled)
        let fixed = try logME(features: f, labels: task.labels)
        let eigen = try logME(features: f, labels: task.labels, form: .eigen)
        #expect(fixed.isFinite)
        #expect(abs(fixed - eigen) < 1e-3, "\(fixed) vs \(eigen)")
    }

    /// The diagonal variant against the same formula in numpy.
    @Test func testGBC_diagonal() throws {
        let tall = try ReferenceTask(samples: 60, dimensions: 8, classes: 3)
        let wide = try ReferenceTask(samples: 12, dimensions: 20, classes: 3)
        let t = try gbc(features: tall.features, labels: tall.labels, covariance: .diagonal)
        let w = try gbc(features: wide.features, labels: wide.labels, covariance: .diagonal)
        #expect(close(t, -2.46969846574331, relative: 1e-8))
        #expect(close(w, -0.5627467146852152, relative: 1e-8))
    }

    /// D = 80 > 64: projected on the 64 leading principal components first (numpy: eigh of
    /// the centred Gram matrix, then the spherical GBC).
    @Test func testGBC_principalComponents() throws {
        let task = try ReferenceTask(samples: 100, dimensions: 80, classes: 4)
        let score = try gbc(features: task.features, labels: task.labels)
        #expect(close(score, -0.07655725629300601, relative: 1e-7))
        let unreduced = try gbc(features: task.features, labels: task.labels, pcaDimensions: nil)
        #expect(abs(unreduced - score) > 1e-3)
    }

    @Test func testNCE_predictionsMatchProbabilities() throws {
        let task = try ReferenceTask(samples: 60, dimensions: 8, classes: 3)
        let p = task.probabilities
        let predictions = (0..<p.rows).map { i in (0..<p.cols).max { p[i, $0] < p[i, $1] } ?? 0 }
        let fromIndices = try nce(predictions: predictions, labels: task.labels)
        #expect(fromIndices == (try nce(probabilities: p, labels: task.labels)))
        // Perfectly informative predictions: no conditional entropy left.
        #expect(abs(try nce(predictions: [3, 3, 1, 1], labels: [0, 0, 1, 1])) < 1e-15)
    }

    @Test func testLEEP_knownSmallCases() throws {
        // θ one-hot and equal to the labels: P̂(y|z) = 1 on the diagonal, so LEEP = log 1 = 0.
        let p = try Matrix([[1, 0], [0, 1], [1, 0]])
        #expect(abs(try leep(probabilities: p, labels: [0, 1, 0])) < 1e-15)
        // Uniform θ carries no information: LEEP = Σ_y P(y) log P(y).
        let uniform = try Matrix([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
        let expected = 0.75 * log(0.75) + 0.25 * log(0.25)
        #expect(abs(try leep(probabilities: uniform, labels: [0, 0, 0, 1]) - expected) < 1e-15)
    }

    @Test func testMetric_namesAccessAndDispatch() throws {
        let task = try ReferenceTask(samples: 60, dimensions: 8, classes: 3)
        #expect(TransferabilityMetric.allCases.map(\.name)
            == ["leep", "nce", "logme", "hscore", "gbc", "transrate"])
        #expect(try TransferabilityMetric(name: "leep").access == .blackBox)
        #expect(try TransferabilityMetric(name: "nce").input == .probabilities)
        #expect(try TransferabilityMetric(name: "gbc").access.rawValue == "white-box")
        #expect(try TransferabilityMetric(name: "transrate").input == .features)
        let direct: [TransferabilityMetric: Double] = [
            .leep: try leep(probabilities: task.probabilities, labels: task.labels),
            .nce: try nce(probabilities: task.probabilities, labels: task.labels),
            .logme: try logME(features: task.features, labels: task.labels),
            .hscore: try hScore(features: task.features, labels: task.labels),
            .gbc: try gbc(features: task.features, labels: task.labels),
            .transrate: try transRate(features: task.features, labels: task.labels),
        ]
        for metric in TransferabilityMetric.allCases {
            let score = try metric.score(
                features: task.features, probabilities: task.probabilities, labels: task.labels)
            #expect(score == direct[metric], "\(metric.name)")
        }
    }

    @Test func testMetric_errors() throws {
        let f = try Matrix([[1, 2], [3, 4], [5, 7]])
        #expect(throws: TensorError(
            "metric",
            "unknown metric \"logMe\" (expected one of \"leep\", \"nce\", \"logme\", \"hscore\", "
                + "\"gbc\", \"transrate\")"
        )) { try TransferabilityMetric(name: "logMe") }
        #expect(throws: TensorError("logme", "needs features (a white-box metric), got none")) {
            try TransferabilityMetric.logme.score(features: nil, probabilities: f, labels: [0, 1, 0])
        }
        #expect(throws: TensorError(
            "leep", "needs output probabilities (a black-box metric), got none"
        )) { try TransferabilityMetric.leep.score(features: f, probabilities: nil, labels: [0, 1, 0]) }
        #expect(throws: TensorError("hscore", "got 2 labels for 3 samples (expected one per sample)")) {
            try hScore(features: f, labels: [0, 1])
        }
        #expect(throws: TensorError("gbc", "needs at least 2 samples, got 1")) {
            try gbc(features: try Matrix([[1, 2]]), labels: [0])
        }
        #expect(throws: TensorError("transrate", "label -1 at index 2 is negative")) {
            try transRate(features: f, labels: [0, 1, -1])
        }
        #expect(throws: TensorError("logme", "label 2 at index 1 is out of range for 2 classes")) {
            try logME(features: f, labels: [0, 2, 1], classCount: 2)
        }
        #expect(throws: TensorError("gbc", "class 1 has no samples (every class in 0..<3 needs one)")) {
            try gbc(features: f, labels: [0, 2, 0])
        }
        var bad = f
        bad[1, 1] = .nan
        #expect(throws: TensorError("logme", "features hold nan at [1, 1] (expected finite values)")) {
            try logME(features: bad, labels: [0, 1, 0])
        }
        bad[1, 1] = .infinity
        #expect(throws: TensorError("transrate", "features hold inf at [1, 1] (expected finite values)")) {
            try transRate(features: bad, labels: [0, 1, 0])
        }
        let logits = try Matrix([[0.5, -1], [0.2, 0.8], [1, 0]])
        #expect(throws: TensorError(
            "leep",
            "probabilities hold -1.0 at [0, 1] (expected values >= 0; pass softmax outputs, not logits)"
        )) { try leep(probabilities: logits, labels: [0, 1, 0]) }
        let zeroRow = try Matrix([[0.5, 0.5], [0, 0], [1, 0]])
        #expect(throws: TensorError("nce", "probabilities in row 1 sum to 0")) {
            try nce(probabilities: zeroRow, labels: [0, 1, 0])
        }
        #expect(throws: TensorError("nce", "prediction -2 at index 0 is negative")) {
            try nce(predictions: [-2, 0], labels: [0, 1])
        }
        #expect(throws: TensorError("gbc", "pcaDimensions must be at least 1, got 0")) {
            try gbc(features: f, labels: [0, 1, 0], pcaDimensions: 0)
        }
    }
}
