extension Value: CustomStringConvertible {
    /// The value as `print` shows it: strings bare, everything else as `repr`.
    public var description: String {
        if case .string(let text) = self { return text }
        return repr
    }

    /// The value as the REPL echoes it: strings quoted (also inside lists and dictionaries),
    /// numbers as integers when integral (`3`, `2.5`), dictionaries as `["a": 1]`.
    public var repr: String {
        var seen: Set<ObjectIdentifier> = []
        return render(&seen)
    }

    /// `3` for 3.0, `2.5`, `1e-05`, `inf`, `nan`: integral numbers without a fraction.
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        if number == number.rounded(.towardZero) && abs(number) < 1e16 { return String(Int64(number)) }
        return "\(number)"
    }

    /// A string literal for `text`, with quotes and escapes.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Renders containers once each, showing a container inside itself as `[...]`.
    private func render(_ seen: inout Set<ObjectIdentifier>) -> String {
        switch self {
        case .nil: return "nil"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return Value.format(number)
        case .string(let text): return Value.quoted(text)
        case .list(let list):
            let id = ObjectIdentifier(list)
            guard seen.insert(id).inserted else { return "[...]" }
            defer { seen.remove(id) }
            var parts: [String] = []
            for element in list.elements { parts.append(element.render(&seen)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .dictionary(let dictionary):
            let id = ObjectIdentifier(dictionary)
            guard seen.insert(id).inserted else { return "[...]" }
            defer { seen.remove(id) }
            if dictionary.count == 0 { return "[:]" }
            var parts: [String] = []
            for (key, value) in dictionary.entries {
                parts.append(key.value.render(&seen) + ": " + value.render(&seen))
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .range(let range):
            if range.step == 1 { return "\(range.lower)..<\(range.upper)" }
            return "range(\(range.lower), \(range.upper), \(range.step))"
        case .function(let closure): return "<fn \(closure.name)>"
        case .native(let native): return "<built-in \(native.spec.name)>"
        case .host(let object): return object.description
        }
    }
}
