import Tensors

/// Gradient estimates from loss values alone, for black-box reprogramming (METHODS.md §2).
///
/// Both estimators perturb only the `active` coordinates of θ (those under the transform's
/// mask) and hand every point they need to `losses` at once, so that the caller can send all the
/// probes of a step to the model in one batch: `losses` receives the points and returns one loss
/// per point, in order.
public enum ZerothOrder {
    /// The randomised gradient-free estimate of BAR:
    /// ĝ = (b / q) Σ_j [ℓ(θ + β u_j) − ℓ(θ)] / β · u_j, with u_j uniform on the unit sphere of the
    /// d active coordinates and b = d (`scaleByDimension`) or 1.
    ///
    /// `losses` gets θ first, then the q probes (q + 1 points). Returns ĝ (shaped like θ, zero
    /// off the active coordinates) and ℓ(θ).
    /// - Throws: ``ReprogrammingError`` for q < 1, β ≤ 0, no active coordinate, or a wrong
    ///   number of losses; whatever `losses` throws.
    public static func rgf(
        theta: Tensor, active: [Int], directions: Int, smoothing: Float, scaleByDimension: Bool = true,
        rng: inout Random, losses: ([Tensor]) throws -> [Double]
    ) throws -> (gradient: Tensor, loss: Double) {
        try check(active: active, count: theta.count, draws: directions, step: smoothing, name: "rgf")
        let d = active.count
        let u = rng.unitSphere(count: directions, dimension: d).scalars
        var points = [theta.detached]
        for j in 0..<directions {
            var probe = theta.detached
            probe.withMutableScalars { w in
                for (k, index) in active.enumerated() { w[index] += smoothing * u[j * d + k] }
            }
            points.append(probe)
        }
        let values = try evaluate(points, losses, name: "rgf")
        let scale = (scaleByDimension ? Double(d) : 1) / Double(directions)
        var estimate = [Float](repeating: 0, count: theta.count)
        for j in 0..<directions {
            let weight = Float(scale * (values[j + 1] - values[0]) / Double(smoothing))
            for (k, index) in active.enumerated() { estimate[index] += weight * u[j * d + k] }
        }
        return (try Tensor(shape: theta.shape, scalars: estimate), values[0])
    }

    /// The two-sided SPSA estimate of BlackVIP:
    /// ĝ = (1 / q) Σ_i [ℓ(θ + c Δ_i) − ℓ(θ − c Δ_i)] / (2c) · Δ_i⁻¹, with the entries of Δ_i drawn
    /// from ±U[0.5, 1] on the active coordinates.
    ///
    /// `losses` gets the 2q points θ + cΔ_1, θ − cΔ_1, θ + cΔ_2, … Returns ĝ (zero off the active
    /// coordinates) and the mean of the 2q losses (θ itself is not evaluated).
    /// - Throws: ``ReprogrammingError`` for q < 1, c ≤ 0, no active coordinate, or a wrong
    ///   number of losses; whatever `losses` throws.
    public static func spsa(
        theta: Tensor, active: [Int], draws: Int, step c: Float, rng: inout Random,
        losses: ([Tensor]) throws -> [Double]
    ) throws -> (gradient: Tensor, loss: Double) {
        try check(active: active, count: theta.count, draws: draws, step: c, name: "spsa")
        var deltas: [[Float]] = []
        var points: [Tensor] = []
        for _ in 0..<draws {
            let delta = active.map { _ -> Float in
                let magnitude = 0.5 + 0.5 * rng.nextFloat()
                return rng.next() & 1 == 0 ? magnitude : -magnitude
            }
            deltas.append(delta)
            for sign: Float in [1, -1] {
                var point = theta.detached
                point.withMutableScalars { w in
                    for (k, index) in active.enumerated() { w[index] += sign * c * delta[k] }
                }
                points.append(point)
            }
        }
        let values = try evaluate(points, losses, name: "spsa")
        var estimate = [Float](repeating: 0, count: theta.count)
        for (i, delta) in deltas.enumerated() {
            let difference = Float((values[2 * i] - values[2 * i + 1]) / (2 * Double(c) * Double(draws)))
            for (k, index) in active.enumerated() { estimate[index] += difference / delta[k] }
        }
        return (try Tensor(shape: theta.shape, scalars: estimate), values.reduce(0, +) / Double(values.count))
    }

    private static func check(active: [Int], count: Int, draws: Int, step: Float, name: String) throws {
        guard draws >= 1 else {
            throw ReprogrammingError("\(name): needs at least 1 direction per step, got \(draws)")
        }
        guard step > 0, step.isFinite else {
            throw ReprogrammingError("\(name): the perturbation size must be positive, got \(step)")
        }
        guard !active.isEmpty, active.allSatisfy({ (0..<count).contains($0) }) else {
            throw ReprogrammingError("\(name): needs at least one trainable coordinate within the \(count) values of θ")
        }
    }

    private static func evaluate(_ points: [Tensor], _ losses: ([Tensor]) throws -> [Double], name: String) throws -> [Double] {
        let values = try losses(points)
        guard values.count == points.count else {
            throw ReprogrammingError("\(name): expected \(points.count) losses, got \(values.count)")
        }
        return values
    }
}
