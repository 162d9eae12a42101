/// An integer range with a step: `0..<n`, `a...b` (stored as `a..<b+1`) or `range(a, b, step)`.
public final class RangeValue {
    public let lower: Int
    /// The exclusive upper bound.
    public let upper: Int
    /// The distance between elements; never zero.
    public let step: Int

    public init(lower: Int, upper: Int, step: Int = 1) {
        self.lower = lower
        self.upper = upper
        self.step = step == 0 ? 1 : step
    }

    /// The number of elements.
    public var count: Int {
        if step > 0 { return lower < upper ? (upper - lower + step - 1) / step : 0 }
        return lower > upper ? (lower - upper - step - 1) / -step : 0
    }

    /// The `index`th element (no bounds check).
    public func element(_ index: Int) -> Int { lower + index * step }

    /// The elements as numbers.
    public var values: [Value] { (0..<count).map { .number(Double(element($0))) } }
}
