import Datasets
import Language
import Tensors

/// A data set in the language (`dataset`): inputs, integer labels, class names and provenance.
/// Its methods (split, subset, transform, …) are in ``DataLibrary``.
final class DatasetObject: HostObject {
    let dataset: Dataset

    init(_ dataset: Dataset) {
        self.dataset = dataset
    }

    var typeName: String { "dataset" }

    var description: String {
        let shape = dataset.inputShape.map(String.init).joined(separator: "×")
        return "dataset '\(dataset.name)': \(dataset.count) samples of \(shape), \(dataset.classCount) classes"
    }

    var help: String? { dataset.provenance.isEmpty ? nil : "provenance: \(dataset.provenance)" }

    var memberNames: [String] {
        ["name", "provenance", "inputs", "labels", "classes", "class_count", "shape", "count", "class_counts"]
    }

    func member(named name: String) throws -> Value? {
        switch name {
        case "name": return .string(dataset.name)
        case "provenance": return .string(dataset.provenance)
        case "inputs": return .host(TensorObject(dataset.inputs))
        case "labels": return .list(dataset.labels.map { Value.int($0) })
        case "classes": return .list(dataset.classNames.map { Value.string($0) })
        case "class_count": return .int(dataset.classCount)
        case "shape": return .list(dataset.inputShape.map { Value.int($0) })
        case "count": return .int(dataset.count)
        case "class_counts": return .list(dataset.classCounts.map { Value.int($0) })
        default: return nil
        }
    }

    var count: Int? { dataset.count }
}
