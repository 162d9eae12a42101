import Language

/// The elements of anything a `for` loop walks, for built-ins that take a sequence.
enum Sequences {
    /// The elements of a list, range, string (characters), dictionary (keys) or iterable host object.
    static func elements(of value: Value, for function: String) throws -> [Value] {
        switch value {
        case .list(let list): return list.elements
        case .range(let range): return range.values
        case .string(let text): return text.map { .string(String($0)) }
        case .dictionary(let dictionary): return dictionary.keys.map(\.value)
        case .host(let host):
            guard let next = try host.makeIterator() else {
                throw ScriptError("\(function): cannot iterate over a \(host.typeName)")
            }
            var elements: [Value] = []
            while let element = try next() { elements.append(element) }
            return elements
        default:
            throw ScriptError("\(function): expected a list, range, string or dictionary, got \(value.typeName)")
        }
    }

    /// Orders two numbers or two strings; anything else cannot be ordered.
    static func ordered(_ a: Value, _ b: Value, for function: String) throws -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)): return x < y
        default: throw ScriptError("\(function): cannot compare \(a.typeName) and \(b.typeName)")
        }
    }
}
