import Tensors

/// The learned input transformation of model reprogramming: it turns target inputs
/// (N×Ct×Ht×Wt in [0, 1]) into source-model inputs (N×Cs×Hs×Ws), with trainable values `θ`
/// shaped like one source input. A gray target repeats its channel into every source channel.
///
/// θ is first bounded to [−1, 1] by `b` (`tanh(θ)`, `2·sigmoid(θ) − 1` or `clamp(θ, −1, 1)`).
/// - Padding styles (ILM-VP; Elsayed et al.): the target is resized (bilinear) to the inner region
///   and centred at top = (Hs − h) / 2, left = (Ws − w) / 2 (rounded down); the frame around it
///   (mask M = 1) shows `(1 + b(θ)) / 2`, which is `sigmoid(θ)` for the sigmoid bound: grey at
///   θ = 0, always in [0, 1]. So x̃ = placed · (1 − M) + M · (1 + b(θ)) / 2.
/// - Full style: the target is resized to the source size and a perturbation is added over the
///   whole input, or where an optional mask is non-zero: x̃ = clamp(placed + ε · M · b(θ), 0, 1).
///
/// ```swift
/// let t = try InputTransform(style: .pad(inner: 20), sourceShape: [3, 28, 28])
/// let x̃ = try t(digits)          // N×1×28×28 digits → N×3×28×28, a grey frame 4 pixels wide
/// ```
public final class InputTransform {
    /// Where the learned values go.
    public enum Style: Equatable, Sendable {
        /// A learned frame around the target resized to `inner`×`inner`.
        case pad(inner: Int)
        /// A learned frame `width` pixels wide around the target resized to fill the rest.
        case frame(width: Int)
        /// A learned additive perturbation over the whole input (or under a mask).
        case full

        /// The style as text: `pad:20`, `frame:4` or `full` (the form model files store).
        public var text: String {
            switch self {
            case .pad(let inner): return "pad:\(inner)"
            case .frame(let width): return "frame:\(width)"
            case .full: return "full"
            }
        }

        /// Reads ``text``.
        /// - Throws: ``ReprogrammingError`` for anything else.
        public init(text: String) throws {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            switch (parts.first, parts.count) {
            case ("full", 1): self = .full
            case ("pad", 2) where Int(parts[1]) != nil: self = .pad(inner: Int(parts[1]) ?? 0)
            case ("frame", 2) where Int(parts[1]) != nil: self = .frame(width: Int(parts[1]) ?? 0)
            default:
                throw ReprogrammingError("input transform: expected a style 'pad:N', 'frame:N' or 'full', got '\(text)'")
            }
        }
    }

    /// How θ is bounded to [−1, 1].
    public enum Bound: String, Sendable, CaseIterable {
        case sigmoid, tanh, clamp
    }

    public let style: Style
    public let bound: Bound
    /// The largest change the full style makes to a pixel (its ε); 1 for the padding styles.
    public let epsilon: Float
    /// Source input shape C×H×W.
    public let sourceShape: [Int]
    /// The size the target is resized to: the inner region (padding styles) or the source size.
    public let innerSize: (height: Int, width: Int)
    /// Where the inner region starts (0, 0 for the full style).
    public let offset: (top: Int, left: Int)
    /// Where θ acts (C×H×W): 1 on the frame and 0 inside it for the padding styles; all ones or
    /// the user's mask for the full style.
    public let mask: Tensor
    /// The trainable values, shaped like `sourceShape`.
    public let theta: Parameter

    /// A transform for a source model taking `sourceShape` (C×H×W) inputs.
    ///
    /// - Parameters:
    ///   - mask: for the full style only, H×W or C×H×W values in [0, 1] (1 where θ acts).
    ///   - epsilon: the full style's largest change per pixel, in (0, 1].
    /// - Throws: ``ReprogrammingError`` for a bad shape, inner size, frame width, mask or ε.
    public init(
        style: Style, bound: Bound = .sigmoid, sourceShape: [Int], mask: Tensor? = nil, epsilon: Float = 1
    ) throws {
        guard sourceShape.count == 3, sourceShape.allSatisfy({ $0 > 0 }) else {
            throw ReprogrammingError(
                "input transform: expected an image source model (input shape C×H×W), got input shape \(sourceShape)")
        }
        let (channels, height, width) = (sourceShape[0], sourceShape[1], sourceShape[2])
        if style != .full, mask != nil {
            throw ReprogrammingError("input transform: a mask applies to the full style only (the padding styles learn the frame)")
        }
        guard epsilon > 0, epsilon <= 1 else {
            throw ReprogrammingError("input transform: epsilon must be in (0, 1], got \(epsilon)")
        }
        switch style {
        case .pad(let inner):
            guard inner >= 1, inner < min(height, width) else {
                throw ReprogrammingError(
                    "input transform: inner size must be in 1...\(min(height, width) - 1) for a \(height)×\(width) source (a frame at least 1 pixel wide), got \(inner)")
            }
            innerSize = (inner, inner)
        case .frame(let frame):
            guard frame >= 1, 2 * frame < min(height, width) else {
                throw ReprogrammingError(
                    "input transform: frame width must be in 1...\((min(height, width) - 1) / 2) for a \(height)×\(width) source, got \(frame)")
            }
            innerSize = (height - 2 * frame, width - 2 * frame)
        case .full:
            innerSize = (height, width)
        }
        offset = ((height - innerSize.height) / 2, (width - innerSize.width) / 2)
        self.style = style
        self.bound = bound
        self.epsilon = epsilon
        self.sourceShape = sourceShape
        if style == .full {
            self.mask = try InputTransform.fullMask(mask, sourceShape: sourceShape)
        } else {
            var values = [Float](repeating: 1, count: sourceShape.product)
            for c in 0..<channels {
                for i in offset.top..<(offset.top + innerSize.height) {
                    let row = (c * height + i) * width
                    for j in offset.left..<(offset.left + innerSize.width) { values[row + j] = 0 }
                }
            }
            self.mask = try Tensor(shape: sourceShape, scalars: values)
        }
        theta = Parameter(try Tensor.zeros(sourceShape))
    }

    /// The user's mask for the full style as C×H×W, or all ones.
    private static func fullMask(_ mask: Tensor?, sourceShape: [Int]) throws -> Tensor {
        guard let mask else { return try Tensor.ones(sourceShape) }
        let (height, width) = (sourceShape[1], sourceShape[2])
        guard mask.shape == sourceShape || mask.shape == [height, width] else {
            throw ReprogrammingError(
                "input transform: mask must be \(height)×\(width) or \(sourceShape.map(String.init).joined(separator: "×")), got \(mask.shape)")
        }
        guard mask.scalars.allSatisfy({ $0 >= 0 && $0 <= 1 }), mask.scalars.contains(where: { $0 > 0 }) else {
            throw ReprogrammingError("input transform: mask values must be in [0, 1] with at least one above 0")
        }
        return try mask.detached.reshaped([1, height, width]) * Tensor.ones(sourceShape)
    }

    /// The indices of the trained values (θ entries under the mask), row-major.
    public var activeIndices: [Int] { mask.scalars.indices.filter { mask.scalars[$0] != 0 } }

    /// The number of trained values.
    public var trainableCount: Int { mask.scalars.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// θ bounded to [−1, 1] (differentiable).
    func bounded(_ t: Tensor) throws -> Tensor {
        switch bound {
        case .sigmoid: return t.sigmoid() * 2 - 1
        case .tanh: return t.tanh()
        case .clamp: return try t.clamped(min: -1, max: 1)
        }
    }

    /// What θ puts where the mask is 1: the frame's pixel values (padding styles, in [0, 1]),
    /// or the additive perturbation ε · b(θ) (full style). Differentiable in `t`.
    func contribution(_ t: Tensor) throws -> Tensor {
        switch (style, bound) {
        case (.full, _): return try bounded(t) * epsilon
        // sigmoid(θ) itself rather than (1 + 2σ − 1) / 2, so the frame is exactly ILM-VP's.
        case (_, .sigmoid): return t.sigmoid()
        default: return try (bounded(t) + 1) * 0.5
        }
    }

    /// The learned change as the source model sees it (C×H×W, zero off the mask): the frame
    /// minus mid-grey for the padding styles (in [−0.5, 0.5]), the additive perturbation for the
    /// full style (in [−ε, ε], before the result is clipped to [0, 1]).
    public func perturbation() throws -> Tensor {
        try withNoGrad {
            let c = try contribution(theta.value)
            return try (style == .full ? c : c - 0.5) * mask
        }
    }

    /// Maps target inputs to source inputs (differentiable in θ).
    /// - Throws: ``ReprogrammingError`` when the target is not N×C×H×W with 1 or Cs channels.
    public func callAsFunction(_ inputs: Tensor) throws -> Tensor {
        try combine(try place(inputs), theta: theta.tensor)
    }

    /// Combines already placed inputs (from ``place(_:)``) with θ = `theta`; a zeroth-order
    /// probe passes a shifted θ here.
    public func combine(_ placed: Tensor, theta t: Tensor) throws -> Tensor {
        let inside = try contribution(t) * mask
        switch style {
        case .full: return try (placed + inside).clamped(min: 0, max: 1)
        case .pad, .frame: return try placed * (1 - mask) + inside
        }
    }

    /// The target resized and placed as the source expects, channels matched (no θ yet; zero on
    /// the frame).
    /// - Throws: ``ReprogrammingError`` when the target is not N×C×H×W with 1 or Cs channels.
    public func place(_ inputs: Tensor) throws -> Tensor {
        let (channels, height, width) = (sourceShape[0], sourceShape[1], sourceShape[2])
        guard inputs.rank == 4, inputs.shape[1] == 1 || inputs.shape[1] == channels else {
            throw ReprogrammingError(
                "input transform: expected target images N×C×H×W with 1 or \(channels) channel(s) for a \(sourceShape.map(String.init).joined(separator: "×")) source, got \(inputs.shape)")
        }
        var x = inputs
        if x.shape[2] != innerSize.height || x.shape[3] != innerSize.width {
            x = try resizedBilinear(x, height: innerSize.height, width: innerSize.width)
        }
        if x.shape[1] != channels {
            x = try concatenate(Array(repeating: x, count: channels), axis: 1)
        }
        guard style != .full else { return x }
        let bottom = height - innerSize.height - offset.top
        let right = width - innerSize.width - offset.left
        return try padded(x, [(offset.top, bottom), (offset.left, right)])
    }
}
