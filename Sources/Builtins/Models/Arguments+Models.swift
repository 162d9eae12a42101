import Datasets
import Language
import ModelHub

extension Arguments {
    /// The data set at `index` (a `dataset`, or the training part of a `split`).
    func dataset(_ index: Int) throws -> Dataset {
        switch self[index] {
        case .host(let object as DatasetObject): return object.dataset
        case .host(let object as SplitObject): return object.train
        default: throw badArgument(index, "dataset expected, got \(self[index].typeName)")
        }
    }

    /// The data set at `index`, or nil when the argument is nil.
    func optionalDataset(_ index: Int) throws -> Dataset? {
        self[index].isNil ? nil : try dataset(index)
    }
}
