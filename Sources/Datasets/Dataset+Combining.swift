import Tensors

extension Dataset {
    /// How ``concatenated(with:classes:)`` combines the class lists of two datasets.
    public enum ClassMerge: String, Sendable, CaseIterable {
        /// Classes with the same name are one class: `self`'s labels stay, the other's classes
        /// that `self` lacks are appended in their order. Use it for the same task from two
        /// sources (synthetic digits plus MNIST digits: still 10 classes).
        case union
        /// Every class of the other dataset is a new class after `self`'s: its labels are shifted
        /// by `self.classCount`, and its class names that clash with `self`'s are qualified as
        /// `"<other.name>/<class>"`. Use it to mix domains into one target (10 digits plus 12
        /// shapes make 22 classes).
        case disjoint
    }

    /// The samples of `self` followed by those of `other`, with the class lists merged.
    ///
    /// - Parameter classes: how labels combine; see ``ClassMerge``.
    /// - Throws: ``DatasetError`` when the per-sample input shapes differ, or a merged class name
    ///   would repeat.
    public func concatenated(with other: Dataset, classes: ClassMerge = .union) throws -> Dataset {
        guard inputShape == other.inputShape else {
            throw DatasetError(
                "concatenated",
                "input shapes \(inputShape) ('\(name)') and \(other.inputShape) ('\(other.name)') "
                    + "differ (expected the same shape per sample)")
        }
        var names = classNames
        var otherLabel = [Int]()
        switch classes {
        case .union:
            for className in other.classNames {
                if let label = names.firstIndex(of: className) {
                    otherLabel.append(label)
                } else {
                    otherLabel.append(names.count)
                    names.append(className)
                }
            }
        case .disjoint:
            for className in other.classNames {
                let qualified = classNames.contains(className) ? "\(other.name)/\(className)" : className
                guard !names.contains(qualified) else {
                    throw DatasetError(
                        "concatenated",
                        "class name '\(qualified)' would appear twice (rename one dataset first)")
                }
                otherLabel.append(names.count)
                names.append(qualified)
            }
        }
        return Dataset(
            unchecked: "\(name)+\(other.name)",
            provenance: "(\(provenance)) + (\(other.provenance)), classes: \(classes.rawValue)",
            inputs: try Tensor(
                shape: [count + other.count] + inputShape,
                scalars: inputs.scalars + other.inputs.scalars),
            labels: labels + other.labels.map { otherLabel[$0] }, classNames: names)
    }
}
