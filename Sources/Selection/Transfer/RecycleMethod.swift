import ModelHub

/// How ``Recycler`` transfers a chosen subset of source models to a target task. Every method
/// trains a new linear head on the models' outputs, concatenated; they differ in what the head
/// reads and what else trains.
public enum RecycleMethod: String, Sendable, CaseIterable {
    /// White-box: a linear head on the models' frozen penultimate features.
    case probe
    /// White-box: the models' biases (BitFit, Ben Zaken et al. 2022) and the head.
    case bitfit
    /// White-box: rank-r updates of every linear and convolution weight (LoRA) and the head.
    case lora
    /// White-box: learnable softmax weights over the models' frozen features, then the head.
    case mix
    /// Black-box: a head on the models' output probabilities, read through counted queries.
    case head
    /// White-box, the reference for the others: every weight of the models, and the head.
    case finetune

    /// Looks a method up by name (`probe`, `bitfit`, `lora`, `mix`, `head`, `finetune`).
    /// - Throws: ``SelectionError`` naming the known methods.
    public init(name: String) throws {
        guard let method = RecycleMethod(rawValue: name) else {
            let known = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw SelectionError("recycle: unknown method \"\(name)\" (expected one of \(known))")
        }
        self = method
    }

    /// The access the method needs to every model.
    public var access: ModelAccess { self == .head ? .blackBox : .whiteBox }

    /// Whether the models' own layers train (so their features change during training).
    var adaptsModels: Bool { self == .bitfit || self == .lora || self == .finetune }

    /// The learning rate used when the options give none: larger for the few values of a head
    /// or biases, smaller when every weight trains.
    var defaultLearningRate: Float {
        switch self {
        case .probe, .mix, .head, .bitfit: 1e-2
        case .lora: 5e-3
        case .finetune: 1e-3
        }
    }
}
