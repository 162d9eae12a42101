extension Value: Equatable {
    /// Structural equality, as `==` in the language (host objects compare by identity here;
    /// the interpreter first offers `==` to a host object's operator hook).
    ///
    /// A comparison nested more than `Value.maxComparisonDepth` deep (a cyclic structure) is
    /// reported as unequal; the language's `==` reports it as an error instead.
    public static func == (left: Value, right: Value) -> Bool {
        (try? left.equals(right)) ?? false
    }

    /// How deeply nested lists and dictionaries `==` follows.
    public static let maxComparisonDepth = 1000

    /// Structural equality; throws when the structures nest too deeply to compare (cycles).
    public func equals(_ other: Value) throws -> Bool {
        try equals(other, depth: 0)
    }

    private func equals(_ other: Value, depth: Int) throws -> Bool {
        guard depth < Value.maxComparisonDepth else {
            throw ScriptError("==: values nest more than \(Value.maxComparisonDepth) levels deep (a list inside itself?)")
        }
        switch (self, other) {
        case (.nil, .nil): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            if a === b { return true }
            guard a.elements.count == b.elements.count else { return false }
            for (x, y) in zip(a.elements, b.elements) where try !x.equals(y, depth: depth + 1) { return false }
            return true
        case (.dictionary(let a), .dictionary(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let match = b[key], try value.equals(match, depth: depth + 1) else { return false }
            }
            return true
        case (.range(let a), .range(let b)):
            return a.count == b.count && (a.count == 0 || (a.lower == b.lower && a.step == b.step))
        case (.function(let a), .function(let b)): return a === b
        case (.native(let a), .native(let b)): return a === b
        case (.host(let a), .host(let b)): return a === b
        default: return false
        }
    }
}
