import Language
import Tensors

/// The random generator of one interpreter: `seed(n)` resets it, `random()` and `randint()`
/// draw from it, and tensor libraries may share it.
public final class RandomState {
    public var generator: Random

    public init(seed: UInt64) { generator = Random(seed: seed) }

    /// The interpreter's generator (seed 0 until `seed()` is called).
    public static func of(_ interpreter: Interpreter) -> RandomState {
        interpreter.storage("core.random") { RandomState(seed: 0) }
    }
}
