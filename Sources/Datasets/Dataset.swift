import Tensors

/// A labelled set of samples: inputs stacked along the first axis, one class label per sample.
///
/// Images are `N×C×H×W` (channels, height, width), flat features `N×D`. Labels index into
/// `classNames`. A dataset is a value: every operation (``split(_:seed:)``, ``transformed(_:seed:)``,
/// ``concatenated(with:classes:)``, ...) returns a new one and appends what it did to `provenance`,
/// so a dataset can always say where it came from and with which seeds.
///
/// ```swift
/// let digits = try Glyphs.make(kind: .digits, count: 1000, seed: 7)
/// let (train, test) = try digits.split(0.8, seed: 1)
/// for (x, y) in try train.batches(size: 64, shuffle: true, seed: 0) { ... }
/// ```
public struct Dataset: CustomStringConvertible {
    /// A short name, e.g. `glyphs-digits`.
    public var name: String
    /// Where the data came from and what was done to it, with every seed.
    public var provenance: String
    /// The samples, stacked along the first axis (`N×C×H×W` or `N×D`).
    public let inputs: Tensor
    /// One class index per sample, each in `0..<classCount`.
    public let labels: [Int]
    /// The name of each class; label `k` means `classNames[k]`.
    public let classNames: [String]

    /// Makes a dataset, checking that inputs, labels and class names agree.
    ///
    /// - Parameter classNames: one unique name per class; when nil, classes are named
    ///   `"0"`, `"1"`, ... up to the largest label (which must then be below 65,536).
    /// - Throws: ``DatasetError`` when inputs have no sample axis, the label count differs from
    ///   the number of inputs, a label is outside `0..<classNames.count`, or a name repeats.
    public init(
        name: String, provenance: String = "", inputs: Tensor, labels: [Int],
        classNames: [String]? = nil
    ) throws {
        let largest = labels.max() ?? -1
        guard classNames != nil || largest < Dataset.maxNumberedClasses else {
            throw DatasetError(
                "dataset",
                "'\(name)': label \(largest) is too large to number the classes (at most "
                    + "\(Dataset.maxNumberedClasses - 1) without class names)")
        }
        let names = classNames ?? (0..<(largest + 1)).map(String.init)
        guard inputs.rank >= 1 else {
            throw DatasetError("dataset", "'\(name)': inputs need a leading sample axis, got a scalar")
        }
        guard inputs.shape[0] == labels.count else {
            throw DatasetError(
                "dataset",
                "'\(name)': \(labels.count) labels for \(inputs.shape[0]) inputs "
                    + "(inputs shape \(inputs.shape); expected one label per sample)")
        }
        if let index = labels.firstIndex(where: { !(0..<names.count).contains($0) }) {
            throw DatasetError(
                "dataset",
                "'\(name)': label \(labels[index]) at index \(index) is outside "
                    + "0..<\(names.count) (\(names.count) class names)")
        }
        var seen = Set<String>()
        for className in names where !seen.insert(className).inserted {
            throw DatasetError("dataset", "'\(name)': class name '\(className)' appears twice")
        }
        self.init(
            unchecked: name, provenance: provenance, inputs: inputs.detached, labels: labels,
            classNames: names)
    }

    /// The most classes a dataset gets when they are numbered rather than named.
    static let maxNumberedClasses = 65_536

    /// Makes a dataset whose parts are consistent by construction (an operation's result).
    init(unchecked name: String, provenance: String, inputs: Tensor, labels: [Int], classNames: [String]) {
        self.name = name
        self.provenance = provenance
        self.inputs = inputs
        self.labels = labels
        self.classNames = classNames
    }

    /// The number of samples.
    public var count: Int { labels.count }
    /// The number of classes (including classes with no samples).
    public var classCount: Int { classNames.count }
    /// The shape of one sample, e.g. `[1, 28, 28]`.
    public var inputShape: [Int] { Array(inputs.shape.dropFirst()) }
    /// How many samples each class has, indexed by label.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// A one-line summary: name, size, class count and sample shape.
    public var description: String {
        "Dataset \(name): \(count) samples, \(classCount) classes, inputs \(inputShape)"
    }

    /// The samples at `indices` (each already checked to be in range), in that order.
    func selecting(_ indices: [Int], name: String, step: String) throws -> Dataset {
        let width = inputShape.product
        var scalars = [Float]()
        scalars.reserveCapacity(indices.count * width)
        inputs.scalars.withUnsafeBufferPointer { source in
            for index in indices {
                scalars.append(contentsOf: source[(index * width)..<((index + 1) * width)])
            }
        }
        return Dataset(
            unchecked: name, provenance: appending(step),
            inputs: try Tensor(shape: [indices.count] + inputShape, scalars: scalars),
            labels: indices.map { labels[$0] }, classNames: classNames)
    }

    /// The provenance with one more step recorded.
    func appending(_ step: String) -> String {
        provenance.isEmpty ? step : "\(provenance); \(step)"
    }
}
