/// The pathway and its baselines and ablations, all trained through the same API
/// (``HubPathway/train(_:_:on:validation:options:shouldStop:)``) at the same budget: the same
/// data, epochs, batch size, learning rate and head training.
public enum PathwayVariant: String, CaseIterable, Sendable {
    /// The options as given.
    case pathway
    /// No training noise on the routing logits.
    case noNoise = "no-noise"
    /// No exploration loss.
    case noExploration = "no-exploration"
    /// No exploitation loss (heads learn only through the aggregated prediction).
    case noExploitation = "no-exploitation"
    /// Every model runs on every input (k = M), weighted by the generator.
    case dense
    /// Every model runs on every input with weight 1/M.
    case uniformEnsemble = "uniform-ensemble"
    /// The one model whose head, trained alone, does best on a held-out part of the training data.
    case bestSingle = "best-single"

    /// The options of this variant, made from the pathway's `options` for a hub of `models`
    /// models (``bestSingle`` trains one model at a time: k = M = 1).
    public func options(from options: PathwayOptions, models: Int) -> PathwayOptions {
        var o = options
        switch self {
        case .pathway: break
        case .noNoise: o.noise = .none
        case .noExploration: o.exploration = .none
        case .noExploitation: o.exploitationWeight = 0
        case .dense: o.k = models
        case .uniformEnsemble:
            o.gating = .uniform
            o.k = models
        case .bestSingle:
            o.gating = .uniform
            o.k = 1
        }
        return o
    }
}
