/// One entry of a numpy-style index expression, for ``Tensor/indexed(_:)`` and
/// ``Tensor/setting(_:to:)``.
///
/// `x[1, ::-1, None]` in numpy is `[.at(1), .range(step: -1), .newAxis]` here. Entries consume
/// axes from the front; axes left over are taken whole.
public enum TensorIndex: Equatable, Sendable {
    /// One position on the axis (negative counts from the end); the axis disappears.
    case at(Int)
    /// A Python slice `start:end:step`: nil bounds mean "from the edge" in the step's direction,
    /// out-of-range bounds are clipped, and a negative step walks backwards.
    case range(start: Int? = nil, end: Int? = nil, step: Int? = nil)
    /// The whole axis (`:`).
    case all
    /// A new axis of size 1 (`None`), consuming no axis of the input.
    case newAxis
}
