import Datasets
import ModelHub

extension HubPathway {
    /// Trains one variant of the pathway (a baseline or an ablation) over `models` on `data`,
    /// from the pathway's `options`.
    public static func train(
        _ variant: PathwayVariant, _ models: [SourceModel], on data: Dataset, validation: Dataset? = nil,
        options: PathwayOptions = PathwayOptions(), shouldStop: () -> Bool = { false }
    ) throws -> HubPathway {
        if variant == .bestSingle {
            return try bestSingle(models, on: data, validation: validation, options: options, shouldStop: shouldStop)
                .pathway
        }
        return try train(
            models, on: data, validation: validation, options: variant.options(from: options, models: models.count),
            shouldStop: shouldStop)
    }

    /// The best single model with the same head training: each model's head is trained alone on
    /// `1 − holdOut` of `data` (a stratified split), the model whose head scores best on the
    /// rest is chosen, and it is trained again on all of `data`. Never looks at test data.
    /// - Returns: the chosen model's pathway (k = M = 1) and every model's held-out accuracy.
    public static func bestSingle(
        _ models: [SourceModel], on data: Dataset, validation: Dataset? = nil, holdOut: Double = 0.2,
        options: PathwayOptions = PathwayOptions(), shouldStop: () -> Bool = { false }
    ) throws -> (pathway: HubPathway, heldOutAccuracy: [(model: String, accuracy: Double)]) {
        guard !models.isEmpty else { throw PathwayError("pathway best-single: expected at least one model, got none") }
        guard holdOut > 0, holdOut < 1 else {
            throw PathwayError("pathway best-single: hold-out share must be in (0, 1), got \(holdOut)")
        }
        let single = PathwayVariant.bestSingle.options(from: options, models: 1)
        let (fit, held) = try data.split(1 - holdOut, seed: options.seed &+ 0x5EED)
        var scores: [(model: String, accuracy: Double)] = []
        for model in models {
            let candidate = try train([model], on: fit, options: single, shouldStop: shouldStop)
            scores.append((model.name, try candidate.accuracy(held)))
        }
        let best = scores.indices.max { scores[$0].accuracy < scores[$1].accuracy } ?? 0
        let pathway = try train(
            [models[best]], on: data, validation: validation, options: single, shouldStop: shouldStop)
        return (pathway, scores)
    }
}
