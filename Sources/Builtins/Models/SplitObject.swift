import Datasets
import Language

/// A training/test pair (`split`), as `data.split(0.8)` returns it.
final class SplitObject: HostObject {
    let train: Dataset
    let test: Dataset

    init(train: Dataset, test: Dataset) {
        self.train = train
        self.test = test
    }

    var typeName: String { "split" }

    var description: String {
        "split of '\(train.name)': train \(train.count), test \(test.count), \(train.classCount) classes"
    }

    var memberNames: [String] { ["train", "test"] }

    func member(named name: String) throws -> Value? {
        switch name {
        case "train": return .host(DatasetObject(train))
        case "test": return .host(DatasetObject(test))
        default: return nil
        }
    }
}
