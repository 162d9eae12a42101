import Tensors

/// The seeded generator a script's random built-ins draw from (`rand`, `randn`, `randperm`).
///
/// One per interpreter, so scripts running side by side never disturb each other's sequence;
/// it starts from seed 0, so a script without `seed(...)` still gives the same numbers each run.
/// `seed(n)` in the language calls ``reseed(_:)``.
public final class RandomSource {
    /// The generator; random built-ins advance it.
    public var generator: Random

    /// A source starting from `seed`.
    public init(seed: UInt64 = 0) {
        generator = Random(seed: seed)
    }

    /// Starts the sequence again from `seed`.
    public func reseed(_ seed: UInt64) {
        generator = Random(seed: seed)
    }
}
