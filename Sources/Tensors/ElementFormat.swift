import Foundation

/// How the elements of one tensor are written, following numpy's rules so columns line up.
///
/// - When every finite value is a whole number below 10^8 in magnitude, they print as integers.
/// - Otherwise, as numpy: scientific notation when the largest magnitude is at least 10^8, the
///   smallest non-zero one is below 10^-4, or their ratio exceeds 1000; positional otherwise.
///   Each value gets the fewest digits (at most `precision` after the point) that identify it,
///   trailing zeros dropped, and every value is padded to the same layout.
struct ElementFormat {
    private enum Style {
        case integer
        case positional(padLeft: Int)
        case scientific(digits: Int)
    }

    private let style: Style
    private let precision: Int
    /// The width every formatted element is padded to.
    private let width: Int

    /// The format for printing `values` together.
    init(_ values: [Float], precision: Int) {
        self.precision = precision
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.map(Swift.abs).filter { $0 > 0 }
        let largest = magnitudes.max() ?? 0
        let smallest = magnitudes.min() ?? 0
        let nonFiniteWidth = values.contains { $0.isNaN || $0 == .infinity } ? 3 : 0
        let negativeInfinityWidth = values.contains(-.infinity) ? 4 : 0
        let special = Swift.max(nonFiniteWidth, negativeInfinityWidth)
        if finite.allSatisfy({ $0.rounded() == $0 }), largest < 1e8 {
            style = .integer
            width = Swift.max(finite.map { String(Int($0)).count }.max() ?? 0, special)
        } else if largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3 {
            let digits = finite.map { ElementFormat.scientificDigits($0, precision: precision) }
                .max() ?? 0
            style = .scientific(digits: digits)
            let longest = finite.map { ElementFormat.scientific($0, digits: digits).count }.max() ?? 0
            width = Swift.max(longest, special)
        } else {
            let parts = finite.map { ElementFormat.positional($0, precision: precision) }
            let padRight = parts.map(\.fraction.count).max() ?? 0
            // Room for "nan" and "-inf" widens the whole part, so the points still line up.
            let padLeft = Swift.max(parts.map(\.whole.count).max() ?? 0, special - padRight - 1)
            style = .positional(padLeft: padLeft)
            width = padLeft + 1 + padRight
        }
    }

    /// `value` written in this format, padded to the common width.
    func string(_ value: Float) -> String {
        guard value.isFinite else {
            return pad(value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"), to: width)
        }
        switch style {
        case .integer:
            return pad(String(Int(value)), to: width)
        case .scientific(let digits):
            return pad(ElementFormat.scientific(value, digits: digits), to: width)
        case .positional(let padLeft):
            let (whole, fraction) = ElementFormat.positional(value, precision: precision)
            let text = pad(whole, to: padLeft) + "." + fraction
            return text + String(repeating: " ", count: width - text.count)
        }
    }

    private func pad(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: Swift.max(width - text.count, 0)) + text
    }

    /// The shortest positional form of `value` with at most `precision` fractional digits that
    /// reads back as `value` (rounded to `precision` digits when none does), trailing zeros
    /// dropped, split at the point.
    private static func positional(
        _ value: Float, precision: Int
    ) -> (whole: String, fraction: String) {
        var text = String(format: "%.\(precision)f", Double(value))
        for digits in 0..<precision {
            let candidate = String(format: "%.\(digits)f", Double(value))
            if Float(candidate) == value {
                text = candidate
                break
            }
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (String(parts[0]), fraction)
    }

    /// The fewest mantissa digits after the point (at most `precision`) that identify `value`
    /// in scientific notation, trailing zeros dropped.
    private static func scientificDigits(_ value: Float, precision: Int) -> Int {
        for digits in 0..<precision {
            if Float(String(format: "%.\(digits)e", Double(value))) == value { return digits }
        }
        let mantissa = String(format: "%.\(precision)e", Double(value)).prefix { $0 != "e" }
        var fraction = mantissa.drop { $0 != "." }.dropFirst()
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.count
    }

    /// `value` in scientific notation with `digits` mantissa digits after the point, which is
    /// always written (`1.e-05`), and a two-digit exponent.
    private static func scientific(_ value: Float, digits: Int) -> String {
        String(format: "%#.\(digits)e", Double(value))
    }
}
