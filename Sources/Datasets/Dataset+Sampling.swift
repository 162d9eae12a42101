import Tensors

extension Dataset {
    /// Splits into a training and a test part with the same class proportions (stratified).
    ///
    /// Each class with `n` samples gives `(fraction · n).rounded()` of them, chosen at random, to
    /// the training part and the rest to the test part, so per-class proportions are exact up to
    /// rounding. Both parts keep the original sample order.
    ///
    /// - Parameters:
    ///   - fraction: the share of each class that goes to training, in `0...1`.
    ///   - seed: fixes which samples are chosen.
    /// - Throws: ``DatasetError`` when `fraction` is outside `0...1`.
    public func split(_ fraction: Double, seed: UInt64) throws -> (train: Dataset, test: Dataset) {
        guard fraction >= 0, fraction <= 1 else {
            throw DatasetError("split", "fraction \(fraction) is outside 0...1")
        }
        var rng = Random(seed: seed)
        var train = [Int]()
        var test = [Int]()
        for members in indicesByClass() {
            let order = rng.permutation(members.count).map { members[$0] }
            let trainCount = Int((fraction * Double(members.count)).rounded())
            train += order.prefix(trainCount)
            test += order.dropFirst(trainCount)
        }
        let step = "split(\(fraction), seed: \(seed))"
        return (
            try selecting(train.sorted(), name: "\(name)-train", step: "\(step) train"),
            try selecting(test.sorted(), name: "\(name)-test", step: "\(step) test")
        )
    }

    /// A random subset with exactly `perClass` samples of every class, in the original order.
    ///
    /// - Throws: ``DatasetError`` when `perClass` is negative or a class has fewer samples.
    public func subset(perClass: Int, seed: UInt64) throws -> Dataset {
        guard perClass >= 0 else {
            throw DatasetError("subset", "perClass must be non-negative, got \(perClass)")
        }
        var rng = Random(seed: seed)
        var chosen = [Int]()
        for (label, members) in indicesByClass().enumerated() {
            guard members.count >= perClass else {
                throw DatasetError(
                    "subset",
                    "class '\(classNames[label])' has \(members.count) samples, fewer than the "
                        + "\(perClass) per class asked for")
            }
            chosen += rng.permutation(members.count).prefix(perClass).map { members[$0] }
        }
        return try selecting(
            chosen.sorted(), name: name, step: "subset(perClass: \(perClass), seed: \(seed))")
    }

    /// The samples at `indices`, in that order (an index may repeat).
    ///
    /// - Throws: ``DatasetError`` naming the first index outside `0..<count`.
    public func subset(indices: [Int]) throws -> Dataset {
        if let bad = indices.first(where: { !(0..<count).contains($0) }) {
            throw DatasetError("subset", "index \(bad) is outside 0..<\(count)")
        }
        return try selecting(indices, name: name, step: "subset(indices: \(indices.count) chosen)")
    }

    /// Only the samples of the given classes, relabelled `0..<classes.count` in the order given.
    ///
    /// `filter(classes: [3, 1])` keeps classes 3 and 1 and calls them 0 and 1; class names follow.
    ///
    /// - Throws: ``DatasetError`` when a class is out of range or listed twice.
    public func filter(classes: [Int]) throws -> Dataset {
        var newLabel = [Int](repeating: -1, count: classCount)
        for (position, label) in classes.enumerated() {
            guard (0..<classCount).contains(label) else {
                throw DatasetError("filter", "class \(label) is outside 0..<\(classCount)")
            }
            guard newLabel[label] < 0 else {
                throw DatasetError("filter", "class \(label) is listed twice")
            }
            newLabel[label] = position
        }
        let kept = labels.indices.filter { newLabel[labels[$0]] >= 0 }
        let selected = try selecting(
            kept, name: name, step: "filter(classes: \(classes.map { classNames[$0] }))")
        return Dataset(
            unchecked: selected.name, provenance: selected.provenance, inputs: selected.inputs,
            labels: selected.labels.map { newLabel[$0] }, classNames: classes.map { classNames[$0] })
    }

    /// Only the samples of the classes with these names, relabelled in the order given.
    ///
    /// - Throws: ``DatasetError`` when a name is not one of `classNames`, or is listed twice.
    public func filter(classNames names: [String]) throws -> Dataset {
        let classes = try names.map { className in
            guard let label = classNames.firstIndex(of: className) else {
                throw DatasetError(
                    "filter", "no class named '\(className)' (classes: \(classNames.joined(separator: ", ")))")
            }
            return label
        }
        return try filter(classes: classes)
    }

    /// The same samples in a random order.
    public func shuffled(seed: UInt64) throws -> Dataset {
        var rng = Random(seed: seed)
        return try selecting(rng.permutation(count), name: name, step: "shuffled(seed: \(seed))")
    }

    /// The sample indices of each class, in order, indexed by label.
    func indicesByClass() -> [[Int]] {
        var members = [[Int]](repeating: [], count: classCount)
        for (index, label) in labels.enumerated() { members[label].append(index) }
        return members
    }
}
