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

    /// `value` with about three significant digits, trailing zeros dropped (0.853, 12.3, 1500).
    static func compact(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return fixed(value, decimals: 0) }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        if magnitude >= 6 || magnitude <= -4 {
            return scientific(value, digits: 2)
        }
        return trimmed(fixed(value, decimals: max(0, 2 - magnitude)))
    }

    /// `value` as `m.mme±k` with `digits` decimals in the mantissa, trailing zeros dropped.
    static func scientific(_ value: Double, digits: Int) -> String {
        guard value != 0, value.isFinite else { return fixed(value, decimals: 0) }
        let exponent = Int(log10(abs(value)).rounded(.down))
        let mantissa = trimmed(fixed(value / pow(10, Double(exponent)), decimals: digits))
        return mantissa + "e" + (exponent < 0 ? minus : "") + String(abs(exponent))
    }

    /// Drops trailing zeros after a decimal point, and the point itself when nothing follows.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = text
        while t.hasSuffix("0") {
            t.removeLast()
        }
        if t.hasSuffix(".") {
            t.removeLast()
        }
        return t == minus + "0" ? "0" : t
    }
}
