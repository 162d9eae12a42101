import Tensors

/// Input checks shared by the transferability metrics; each error names the metric.
enum MetricChecks {
    /// The number of target classes: `given`, or the largest label + 1.
    ///
    /// - Throws: ``TensorError`` when there are fewer than 2 samples, the label count differs
    ///   from `samples`, a label is negative or (with `given`) not below the class count.
    static func classCount(
        _ metric: String, labels: [Int], samples: Int, given: Int?
    ) throws -> Int {
        guard samples >= 2 else {
            throw TensorError(metric, "needs at least 2 samples, got \(samples)")
        }
        guard labels.count == samples else {
            throw TensorError(
                metric, "got \(labels.count) labels for \(samples) samples (expected one per sample)")
        }
        if let given, given < 1 {
            throw TensorError(metric, "class count must be at least 1, got \(given)")
        }
        if let i = labels.firstIndex(where: { $0 < 0 }) {
            throw TensorError(metric, "label \(labels[i]) at index \(i) is negative")
        }
        let inferred = (labels.max() ?? 0) + 1
        guard let given else { return inferred }
        if let i = labels.firstIndex(where: { $0 >= given }) {
            throw TensorError(
                metric, "label \(labels[i]) at index \(i) is out of range for \(given) classes")
        }
        return given
    }

    /// Throws when the features hold NaN or infinity.
    static func requireFinite(_ features: Matrix, metric: String) throws {
        if let (row, col) = features.firstNonFinite() {
            throw TensorError(
                metric,
                "features hold \(features[row, col]) at [\(row), \(col)] (expected finite values)")
        }
    }

    /// Throws unless every row is a non-negative, finite, non-zero distribution.
    static func requireProbabilities(_ probabilities: Matrix, metric: String) throws {
        if let (row, col) = probabilities.firstNonFinite() {
            throw TensorError(
                metric,
                "probabilities hold \(probabilities[row, col]) at [\(row), \(col)] "
                    + "(expected finite values)")
        }
        if let flat = probabilities.scalars.firstIndex(where: { $0 < 0 }) {
            let (row, col) = (flat / probabilities.cols, flat % probabilities.cols)
            throw TensorError(
                metric,
                "probabilities hold \(probabilities.scalars[flat]) at [\(row), \(col)] "
                    + "(expected values >= 0; pass softmax outputs, not logits)")
        }
        for row in 0..<probabilities.rows {
            let start = row * probabilities.cols
            let sum = probabilities.scalars[start..<(start + probabilities.cols)].reduce(0, +)
            if sum <= 0 {
                throw TensorError(metric, "probabilities in row \(row) sum to 0")
            }
        }
    }

    /// The sample indices of each class `0..<classCount`.
    static func indicesByClass(_ labels: [Int], classCount: Int) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: classCount)
        for (i, label) in labels.enumerated() { groups[label].append(i) }
        return groups
    }

    /// The sample indices of each class, throwing when a class has no samples.
    static func nonEmptyClasses(_ labels: [Int], classCount: Int, metric: String) throws -> [[Int]] {
        let groups = indicesByClass(labels, classCount: classCount)
        if let empty = groups.firstIndex(where: { $0.isEmpty }) {
            throw TensorError(
                metric, "class \(empty) has no samples (every class in 0..<\(classCount) needs one)")
        }
        return groups
    }
}
