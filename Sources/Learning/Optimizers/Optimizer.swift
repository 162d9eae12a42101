import Tensors

/// Updates parameters from their gradients. `step()` applies one update; parameters without a
/// gradient (not reached by the last backward pass) are left alone.
public protocol Optimizer: AnyObject {
    /// The parameters being trained.
    var parameters: [Parameter] { get }
    /// The current learning rate (schedules write it before each epoch).
    var learningRate: Float { get set }
    /// Applies one update from the accumulated gradients.
    func step() throws
}

extension Optimizer {
    /// Forgets every parameter's gradient.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}

/// Scales all gradients together so that their joint L2 norm is at most `maxNorm` (PyTorch's
/// clip_grad_norm_). Returns the norm before clipping.
@discardableResult
public func clipGradNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var total: Double = 0
    for p in parameters {
        guard let g = p.grad else { continue }
        for v in g.scalars { total += Double(v) * Double(v) }
    }
    let norm = Float(total.squareRoot())
    let scale = maxNorm / (norm + 1e-6)
    if scale < 1 {
        for p in parameters { if let g = p.grad { p.setGrad(g * scale) } }
    }
    return norm
}
