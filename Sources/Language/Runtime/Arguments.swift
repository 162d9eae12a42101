/// The arguments of one call to a built-in, bound to its spec: one value per parameter (defaults
/// filled in), any extra positional values for a variadic parameter, and the interpreter (for
/// output and for calling functions passed in).
///
/// The typed accessors check the type again and fail in Lua's words:
/// `bad argument #1 to 'abs' (number expected, got string)`.
public struct Arguments {
    public let spec: BuiltinSpec
    /// For a function, `values[i]` is parameter `i`; for a method, `values[0]` is the receiver
    /// and `values[i]` is parameter `i - 1`.
    public let values: [Value]
    /// The positional arguments collected by a variadic parameter.
    public let rest: [Value]
    public let interpreter: Interpreter
    private let receiverOffset: Int

    /// Binds positional arguments, then keyword arguments, then defaults, to `spec`'s parameters,
    /// checking counts, names and types.
    public init(
        binding positional: [Value], keywords: [(String, Value)] = [], to spec: BuiltinSpec, receiver: Value? = nil,
        interpreter: Interpreter
    ) throws {
        let name = spec.name
        let fixed = spec.parameters.filter { !$0.isVariadic }
        let variadicIndex = spec.parameters.firstIndex { $0.isVariadic }
        let variadic = variadicIndex.map { spec.parameters[$0] }
        // Parameters after a variadic one can only be given by keyword.
        let positionalCount = variadicIndex ?? fixed.count
        var bound = [Value?](repeating: nil, count: fixed.count)
        var rest: [Value] = []
        for (index, value) in positional.enumerated() {
            if index < positionalCount {
                bound[index] = value
            } else if variadic != nil {
                rest.append(value)
            } else {
                let most = fixed.count == 1 ? "1 argument" : "\(fixed.count) arguments"
                throw ArgumentError(
                    "too many arguments to '\(name)' (it takes at most \(most), got \(positional.count))",
                    position: index + 1)
            }
        }
        for (label, value) in keywords {
            guard let index = fixed.firstIndex(where: { $0.name == label }) else {
                let valid = fixed.map(\.name).joined(separator: ", ")
                throw ArgumentError(
                    "unknown keyword argument '\(label)' to '\(name)' (valid: \(valid.isEmpty ? "none" : valid))",
                    keyword: label)
            }
            guard bound[index] == nil else {
                throw ArgumentError("argument '\(label)' to '\(name)' is given twice", keyword: label)
            }
            bound[index] = value
        }
        var values: [Value] = receiver.map { [$0] } ?? []
        values.reserveCapacity(fixed.count + 1)
        for (index, parameter) in fixed.enumerated() {
            let keyword = keywords.contains { $0.0 == parameter.name } ? parameter.name : nil
            guard let value = bound[index] ?? parameter.defaultValue else {
                throw ArgumentError.badArgument(index + 1, to: name, "\(parameter.name) expected, got no value")
            }
            guard parameter.accepts(value) else {
                throw ArgumentError.badArgument(
                    index + 1, to: name, ArgumentError.typeProblem(expected: parameter.types, got: value), keyword: keyword)
            }
            values.append(value)
        }
        if let variadic {
            for (offset, value) in rest.enumerated() where !variadic.accepts(value) {
                throw ArgumentError.badArgument(
                    fixed.count + offset + 1, to: name, ArgumentError.typeProblem(expected: variadic.types, got: value))
            }
        }
        self.spec = spec
        self.values = values
        self.rest = rest
        self.interpreter = interpreter
        receiverOffset = receiver == nil ? 0 : 1
    }

    /// The value at `index` (see `values`), nil when out of range.
    public subscript(index: Int) -> Value { index >= 0 && index < values.count ? values[index] : .nil }

    /// The receiver of a method call.
    public var receiver: Value { self[0] }

    /// An argument-type error for the value at `index`.
    public func badArgument(_ index: Int, _ problem: String) -> ArgumentError {
        ArgumentError.badArgument(index + 1 - receiverOffset, to: spec.name, problem)
    }

    private func expected(_ index: Int, _ type: String) -> ArgumentError {
        badArgument(index, ArgumentError.typeProblem(expected: [type], got: self[index]))
    }

    /// The number at `index`.
    public func number(_ index: Int) throws -> Double {
        guard case .number(let value) = self[index] else { throw expected(index, "number") }
        return value
    }

    /// The integer at `index` (a number without a fractional part).
    public func int(_ index: Int) throws -> Int {
        guard let value = self[index].integer else { throw expected(index, "integer") }
        return value
    }

    /// The string at `index`.
    public func string(_ index: Int) throws -> String {
        guard case .string(let value) = self[index] else { throw expected(index, "string") }
        return value
    }

    /// The bool at `index`.
    public func bool(_ index: Int) throws -> Bool {
        guard case .bool(let value) = self[index] else { throw expected(index, "bool") }
        return value
    }

    /// The list at `index`.
    public func list(_ index: Int) throws -> ListObject {
        guard case .list(let value) = self[index] else { throw expected(index, "list") }
        return value
    }

    /// The dictionary at `index`.
    public func dictionary(_ index: Int) throws -> DictionaryObject {
        guard case .dictionary(let value) = self[index] else { throw expected(index, "dictionary") }
        return value
    }

    /// The function (written in the language or built in) at `index`.
    public func function(_ index: Int) throws -> Value {
        switch self[index] {
        case .function, .native: return self[index]
        default: throw expected(index, "function")
        }
    }

    /// The host object of type `T` at `index`; the error names the parameter's first declared
    /// type (`tensor expected, got number`).
    public func host<T: HostObject>(_ index: Int, as type: T.Type) throws -> T {
        if let object = self[index].host(as: type) { return object }
        let parameter = index - receiverOffset
        let name =
            parameter >= 0 && parameter < spec.parameters.count
            ? spec.parameters[parameter].types.first ?? "\(T.self)" : "\(T.self)"
        throw expected(index, name)
    }

    /// The number at `index`, or nil when the argument is nil.
    public func optionalNumber(_ index: Int) throws -> Double? { self[index].isNil ? nil : try number(index) }

    /// The integer at `index`, or nil when the argument is nil.
    public func optionalInt(_ index: Int) throws -> Int? { self[index].isNil ? nil : try int(index) }

    /// The string at `index`, or nil when the argument is nil.
    public func optionalString(_ index: Int) throws -> String? { self[index].isNil ? nil : try string(index) }

    /// The host object at `index`, or nil when the argument is nil.
    public func optionalHost<T: HostObject>(_ index: Int, as type: T.Type) throws -> T? {
        self[index].isNil ? nil : try host(index, as: type)
    }

    /// Calls `function` (a language function or a built-in) with positional `arguments`.
    public func call(_ function: Value, _ arguments: [Value]) throws -> Value {
        try interpreter.call(function, arguments)
    }

    /// Writes `text` to the interpreter's output.
    public func write(_ text: String) { interpreter.output(text) }
}
