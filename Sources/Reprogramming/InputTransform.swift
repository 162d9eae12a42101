import Tensors

/// The learned input transformation of model reprogramming: it turns a target input
/// (N×Ct×Ht×Wt in [0, 1]) into a source-model input (N×Cs×Hs×Ws), with trainable values `θ`
/// shaped like one source input.
///
/// - `pad` (ILM-VP, Elsayed et al.): the target is resized (bilinear) to `inner`×`inner` and
///   centred; the frame around it is learned: `sigmoid(θ)` fills the frame (starts grey), or
///   `tanh(θ)` / `clamp(θ)` is added on it.
/// - `full`: the target is resized to the source size and a perturbation over the whole input
///   (optionally masked) is added: `clamp01(x + M ⊙ b(θ))` with `b` = tanh, 2·sigmoid−1 or clamp.
///
/// A gray target fed to an RGB source repeats its channel.
public final class InputTransform {
    /// Where the learned values go.
    public enum Style: Equatable, Sendable {
        /// A learned frame around the target resized to `inner`×`inner`.
        case pad(inner: Int)
        /// A learned additive perturbation over the whole input.
        case full
    }

    /// How θ is bounded.
    public enum Bound: String, Sendable, CaseIterable {
        case sigmoid, tanh, clamp
    }

    public let style: Style
    public let bound: Bound
    /// Source input shape C×H×W.
    public let sourceShape: [Int]
    /// 1 where θ acts, 0 elsewhere (the frame for `pad`; all ones or the user's mask for `full`).
    public let mask: Tensor
    /// The trainable values, shaped like `sourceShape`.
    public let theta: Parameter

    /// A transform for a source model taking `sourceShape` inputs.
    /// - Throws: ``ReprogrammingError`` for a bad shape, inner size or mask.
    public init(style: Style, bound: Bound = .sigmoid, sourceShape: [Int], mask: Tensor? = nil) throws {
        guard sourceShape.count == 3, sourceShape.allSatisfy({ $0 > 0 }) else {
            throw ReprogrammingError("input transform: expected a source input shape C×H×W, got \(sourceShape)")
        }
        let (channels, height, width) = (sourceShape[0], sourceShape[1], sourceShape[2])
        self.style = style
        self.bound = bound
        self.sourceShape = sourceShape
        switch style {
        case .pad(let inner):
            guard inner >= 1, inner <= min(height, width) else {
                throw ReprogrammingError(
                    "input transform: inner size must be in 1...\(min(height, width)) for a \(height)×\(width) source, got \(inner)")
            }
            guard mask == nil else {
                throw ReprogrammingError("input transform: a mask applies to the full style only (pad learns the frame)")
            }
            let (top, left) = InputTransform.offsets(inner: inner, height: height, width: width)
            var values = [Float](repeating: 1, count: sourceShape.product)
            for c in 0..<channels {
                for i in top..<(top + inner) {
                    for j in left..<(left + inner) { values[(c * height + i) * width + j] = 0 }
                }
            }
            self.mask = try Tensor(shape: sourceShape, scalars: values)
        case .full:
            if let mask {
                guard mask.shape == sourceShape || mask.shape == [height, width] else {
                    throw ReprogrammingError(
                        "input transform: mask must be \(height)×\(width) or \(sourceShape), got \(mask.shape)")
                }
                self.mask = try mask.shape == sourceShape ? mask : (mask.reshaped([1, height, width]) * Tensor.ones(sourceShape))
            } else {
                self.mask = try Tensor.ones(sourceShape)
            }
        }
        theta = Parameter(try Tensor.zeros(sourceShape))
    }

    /// The top-left corner of the centred target region.
    static func offsets(inner: Int, height: Int, width: Int) -> (top: Int, left: Int) {
        ((height - inner) / 2, (width - inner) / 2)
    }

    /// The number of trainable values (θ entries under the mask).
    public var trainableCount: Int { mask.scalars.filter { $0 != 0 }.count }

    /// The bounded perturbation as the source model sees it, masked (C×H×W).
    public func perturbation() throws -> Tensor {
        try bounded(theta.tensor) * mask
    }

    private func bounded(_ t: Tensor) throws -> Tensor {
        switch bound {
        case .sigmoid: return style == .full ? (t.sigmoid() * 2) + -1 : t.sigmoid()
        case .tanh: return t.tanh()
        case .clamp: return try t.clamped(min: -1, max: 1)
        }
    }

    /// Maps target inputs to source inputs (differentiable in θ).
    /// - Throws: ``ReprogrammingError`` when the target is not N×C×H×W with 1 or Cs channels.
    public func callAsFunction(_ inputs: Tensor) throws -> Tensor {
        try apply(inputs, theta: theta.tensor)
    }

    /// The transform with θ replaced by `theta` (used by zeroth-order estimates).
    public func apply(_ inputs: Tensor, theta: Tensor) throws -> Tensor {
        let placed = try place(inputs)
        let delta = try bounded(theta) * mask
        switch (style, bound) {
        case (.pad, .sigmoid):
            // The frame is replaced by sigmoid(θ); the target region keeps the input.
            return try placed * (mask.negated() + 1) + delta
        case (.pad, _):
            return try placed + delta
        case (.full, _):
            return try (placed + delta).clamped(min: 0, max: 1)
        }
    }

    /// The target resized and placed as the source expects, channels matched (no θ yet).
    public func place(_ inputs: Tensor) throws -> Tensor {
        guard inputs.rank == 4 else {
            throw ReprogrammingError("input transform: expected target inputs N×C×H×W, got \(inputs.shape)")
        }
        let (channels, height, width) = (sourceShape[0], sourceShape[1], sourceShape[2])
        var x = inputs
        if x.shape[1] != channels {
            guard x.shape[1] == 1 else {
                throw ReprogrammingError(
                    "input transform: a \(x.shape[1])-channel target cannot feed a \(channels)-channel source (expected 1 or \(channels) channels)")
            }
            x = try concatenate(Array(repeating: x, count: channels), axis: 1)
        }
        switch style {
        case .pad(let inner):
            if x.shape[2] != inner || x.shape[3] != inner {
                x = try resizedBilinear(x, height: inner, width: inner)
            }
            let (top, left) = InputTransform.offsets(inner: inner, height: height, width: width)
            return try padded(
                x, [(0, 0), (0, 0), (top, height - inner - top), (left, width - inner - left)])
        case .full:
            if x.shape[2] != height || x.shape[3] != width {
                x = try resizedBilinear(x, height: height, width: width)
            }
            return x
        }
    }
}
