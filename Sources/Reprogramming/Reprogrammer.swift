import Datasets
import Learning
import ModelHub
import Tensors

/// Trains an input transform and a label mapping so that a frozen source model solves a target
/// task: by gradients through a white-box model (Adam), or by zeroth-order estimates from a
/// model's probabilities (RGF, SPSA-GC) under a query budget that is never exceeded.
///
/// The state kept is the one with the best accuracy on a validation split of the training data
/// (never the test data), or the last one when `validationFraction` is 0.
///
/// ```swift
/// let lib = try DefaultLibrary.open()
/// let task = try Glyphs.make(kind: .digits, count: 1200, seed: 7).split(0.8, seed: 1)
/// var options = ReprogramOptions()
/// options.mapping = .iterative
/// let rp = try Reprogrammer.train(try lib.model(named: "lenet-letters"), on: task.train, options: options)
/// ```
public enum Reprogrammer {
    /// Reprograms `model` for the target task `data` (images N×C×H×W in [0, 1]).
    ///
    /// `shouldStop` is checked before every batch; when it returns true, training ends there and
    /// the best state so far is kept (as when the budget is reached: see ``ReprogramResult/stopReason``).
    /// - Throws: ``ReprogrammingError`` for bad options or data, or Adam on a black box; errors
    ///   from the model.
    public static func train(
        _ model: SourceModel, on data: Dataset, options: ReprogramOptions = ReprogramOptions(),
        shouldStop: () -> Bool = { false }
    ) throws -> ReprogramResult {
        try options.validate()
        if options.optimizer == .adam, model.access == .blackBox {
            throw ReprogrammingError(
                "reprogram: model '\(model.name)' is a black box, so gradients are refused; use optimizer \"rgf\" or \"spsa-gc\"")
        }
        let transform = try InputTransform(
            style: options.style, bound: options.bound, sourceShape: model.card.inputShape, mask: options.mask,
            epsilon: options.epsilon)
        let mapping = try LabelMapping(
            kind: options.mapping, sourceClasses: model.card.classCount, targetClasses: data.classCount,
            seed: options.seed)
        let result = ReprogramResult(
            model: model, transform: transform, mapping: mapping, options: options, classNames: data.classNames)
        let run = try ReprogramRun(result: result, data: data)
        try result.source.frozen { try run.train(shouldStop: shouldStop) }
        return result
    }
}
