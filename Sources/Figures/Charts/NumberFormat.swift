import Foundation

/// Number formatting for tick labels, value labels and annotations, without float noise.
enum NumberFormat {
    /// The minus sign matplotlib uses: a true minus, not a hyphen.
    static let minus = "\u{2212}"

    /// `value` with exactly `decimals` digits after the point, `-0` shown as `0`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : minus + "inf") }
        var text = String(format: "%.\(max(0, min(12, decimals)))f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            text = digits.allSatisfy { $0 == "0" || $0 == "." } ? String(digits) : minus + digits
        }
        return text
    }

    /// The decimals for writing a set of values alike: none for whole numbers or values of 100
    /// and more, one from 10, else two.
    static func decimals(for values: [Double]) -> Int {
        let finite = values.filter { $0.isFinite }
        if finite.allSatisfy({ $0 == $0.rounded() }) {
            return 0
        }
        let largest = finite.map(abs).max() ?? 0
        return largest >= 100 ? 0 : (largest >= 10 ? 1 : 2)
    }
}
