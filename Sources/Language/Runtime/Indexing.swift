/// What `x[i]`, `x[a:b]` and `x[i] = v` do to lists, strings, dictionaries and ranges; host
/// objects answer for themselves.
enum Indexing {
    /// `object[indices]`.
    static func get(_ object: Value, _ indices: [IndexArgument]) throws -> Value {
        switch object {
        case .host(let host):
            return try host[indices]
        case .dictionary(let dictionary):
            let key = try DictionaryKey(try single(indices, of: "dictionary", allowSlice: false).value)
            guard let value = dictionary[key] else {
                throw ScriptError("dictionary has no key \(key.value.repr) (use .get(key, default) for a default)")
            }
            return value
        case .list(let list):
            switch try single(indices, of: "list", allowSlice: true) {
            case .value(let index):
                return list.elements[try position(index, count: list.elements.count, of: "list")]
            case .slice(let start, let end, let step):
                let positions = try IndexArgument.positions(start: start, end: end, step: step, count: list.elements.count)
                return .list(ListObject(positions.map { list.elements[$0] }))
            }
        case .string(let text):
            let characters = Array(text)
            switch try single(indices, of: "string", allowSlice: true) {
            case .value(let index):
                return .string(String(characters[try position(index, count: characters.count, of: "string")]))
            case .slice(let start, let end, let step):
                let positions = try IndexArgument.positions(start: start, end: end, step: step, count: characters.count)
                return .string(String(positions.map { characters[$0] }))
            }
        case .range(let range):
            switch try single(indices, of: "range", allowSlice: true) {
            case .value(let index):
                return .int(range.element(try position(index, count: range.count, of: "range")))
            case .slice(let start, let end, let step):
                let positions = try IndexArgument.positions(start: start, end: end, step: step, count: range.count)
                return .list(positions.map { .int(range.element($0)) })
            }
        default:
            throw ScriptError("a \(object.typeName) cannot be indexed")
        }
    }

    /// `object[indices] = value`.
    static func set(_ object: Value, _ indices: [IndexArgument], to value: Value) throws {
        switch object {
        case .host(let host):
            try host.setSubscript(indices: indices, to: value)
        case .dictionary(let dictionary):
            dictionary[try DictionaryKey(try single(indices, of: "dictionary", allowSlice: false).value)] = value
        case .list(let list):
            guard case .value(let index) = try single(indices, of: "list", allowSlice: false) else {
                throw ScriptError("list index assignment takes one integer index")
            }
            list.elements[try position(index, count: list.elements.count, of: "list")] = value
        default:
            throw ScriptError("a \(object.typeName) does not support index assignment")
        }
    }

    /// The one index a list, string, range or dictionary takes.
    private static func single(_ indices: [IndexArgument], of type: String, allowSlice: Bool) throws -> IndexArgument {
        guard indices.count == 1, let index = indices.first else {
            throw ScriptError("a \(type) takes one index, got \(indices.count)")
        }
        if case .slice = index, !allowSlice { throw ScriptError("a \(type) cannot be sliced") }
        return index
    }

    private static func position(_ index: Value, count: Int, of type: String) throws -> Int {
        guard let integer = index.integer else {
            throw ScriptError("\(type) index must be an integer, got \(index.typeName == "number" ? index.repr : index.typeName)")
        }
        return try IndexArgument.position(integer, count: count, in: "\(type) index")
    }
}

extension IndexArgument {
    /// The value of a plain index (nil for a slice).
    fileprivate var value: Value {
        if case .value(let value) = self { return value }
        return .nil
    }
}
