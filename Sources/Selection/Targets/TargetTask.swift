import Datasets

/// A target task for selection and recycling: labelled training data (the only data scoring
/// and transfer see) and held-out test data, with a note on how it relates to the library.
public struct TargetTask {
    /// A short name, e.g. `related`.
    public let name: String
    /// What the task is and which source models it is (un)related to, and why.
    public let summary: String
    public let train: Dataset
    public let test: Dataset

    public init(name: String, summary: String, train: Dataset, test: Dataset) {
        self.name = name
        self.summary = summary
        self.train = train
        self.test = test
    }
}

extension TargetTask: CustomStringConvertible {
    /// One line: name, class count, split sizes and input shape.
    public var description: String {
        "Target \(name): \(train.classCount) classes, \(train.count) train / \(test.count) test, inputs \(train.inputShape)"
    }
}
