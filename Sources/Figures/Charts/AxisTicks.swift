import Foundation

/// Tick positions at nice numbers (1, 2, 2.5 or 5 times a power of ten) and their labels.
///
/// Labels have as many decimals as the step needs, so 0.1 + 0.2 shows as 0.3. When the numbers
/// are very large or very small, the labels are divided by a power of ten and `multiplier`
/// holds the text to show at the end of the axis (`×1e5`), as matplotlib's offset text does.
struct AxisTicks {
    let values: [Double]
    let labels: [String]
    let step: Double
    let multiplier: String?

    /// The mantissas of the steps tried, smallest first.
    static let mantissas: [Double] = [1, 2, 2.5, 5, 10]

    /// At most `maxCount` ticks inside `low...high` (at least two when the range allows).
    /// `integral` keeps to whole-number steps, for data that only takes whole values (epochs).
    init(low: Double, high: Double, maxCount: Int, integral: Bool = false) {
        let span = high - low
        guard span > 0, span.isFinite, low.isFinite, high.isFinite else {
            self.init(values: low.isFinite ? [low] : [], step: 1)
            return
        }
        let count = max(2, maxCount)
        // The smallest nice step that gives at most `count` ticks inside the range.
        let rough = span / Double(count - 1)
        let exponent = log10(rough).rounded(.down)
        var chosen = pow(10, exponent + 2)
        search: for e in [exponent - 1, exponent, exponent + 1] {
            for m in Self.mantissas {
                let step = m * pow(10, e)
                if integral && (step < 1 || step.rounded() != step) { continue }
                let n = Int((high / step + 1e-9).rounded(.down)) - Int((low / step - 1e-9).rounded(.up)) + 1
                if n <= count {
                    chosen = step
                    break search
                }
            }
        }
        let first = Int((low / chosen - 1e-9).rounded(.up))
        let last = Int((high / chosen + 1e-9).rounded(.down))
        let values = first <= last ? (first...last).map { Double($0) * chosen } : [low]
        self.init(values: values, step: chosen)
    }

    /// Ticks for a logarithmic axis, given in log10 units: at powers of ten (every second or
    /// more when there are many), or at 1, 2 and 5 times them when fewer than three powers fall
    /// in the range. Values and step are log10 positions; labels show the numbers themselves,
    /// all plainly (0.001 to 10000) or all as powers (1e5, 1e−5).
    static func logarithmic(low: Double, high: Double, maxCount: Int) -> AxisTicks {
        guard high > low, low.isFinite, high.isFinite else { return AxisTicks(values: low.isFinite ? [low] : [], step: 1) }
        let first = Int((low - 1e-9).rounded(.up)), last = Int((high + 1e-9).rounded(.down))
        if last - first >= 2 {
            let every = max(1, Int((Double(last - first + 1) / Double(max(2, maxCount))).rounded(.up)))
            let exponents = stride(from: first, through: last, by: every).map { $0 }
            let plain = exponents.allSatisfy { (-3...4).contains($0) }
            let labels = exponents.map { k in
                plain ? NumberFormat.fixed(pow(10, Double(k)), decimals: max(0, -k))
                    : "1e" + (k < 0 ? NumberFormat.minus : "") + String(abs(k))
            }
            return AxisTicks(values: exponents.map(Double.init), labels: labels, step: Double(every))
        }
        var values: [Double] = [], labels: [String] = []
        for k in (first - 1)...(last + 1) {
            for m in [1.0, 2, 5] {
                let position = log10(m) + Double(k)
                if position >= low - 1e-9 && position <= high + 1e-9 {
                    values.append(position)
                    labels.append(NumberFormat.fixed(m * pow(10, Double(k)), decimals: max(0, -k)))
                }
            }
        }
        return AxisTicks(values: values, labels: labels, step: 1)
    }

    private init(values: [Double], labels: [String], step: Double) {
        self.values = values
        self.labels = labels
        self.step = step
        multiplier = nil
    }

    /// Labels for given tick values that are `step` apart.
    init(values: [Double], step: Double) {
        self.values = values
        self.step = step
        let largest = values.map(abs).max() ?? 0
        let stepExponent = Int(log10(step).rounded(.down))
        let mantissa = step / pow(10, Double(stepExponent))
        let extra = abs(mantissa - 2.5) < 1e-6 ? 1 : 0
        if largest >= 1e5 || (largest > 0 && stepExponent - extra <= -5) {
            let power = Int(log10(largest).rounded(.down))
            let scale = pow(10, Double(power))
            let decimals = max(0, power - stepExponent + extra)
            labels = values.map { NumberFormat.fixed($0 / scale, decimals: decimals) }
            multiplier = "×1e" + (power < 0 ? NumberFormat.minus : "") + String(abs(power))
        } else {
            let decimals = max(0, -stepExponent + extra)
            labels = values.map { NumberFormat.fixed($0, decimals: decimals) }
            multiplier = nil
        }
    }
}
