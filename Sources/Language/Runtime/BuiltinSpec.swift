/// What a built-in declares about itself: name, parameters, and the documentation that `help`
/// prints and docs/builtins.md is generated from.
public struct BuiltinSpec {
    /// The name it is called by.
    public var name: String
    public var parameters: [ParameterSpec]
    /// One line: what it does.
    public var summary: String
    /// More detail: what it returns, how it fails.
    public var doc: String
    /// A short program using it (run by the tests).
    public var example: String
    /// For a method, the type it belongs to (`string`, `list`); nil for a global function.
    public var receiver: String?

    public init(
        name: String, parameters: [ParameterSpec] = [], summary: String, doc: String = "", example: String = "",
        receiver: String? = nil
    ) {
        self.name = name
        self.parameters = parameters
        self.summary = summary
        self.doc = doc
        self.example = example
        self.receiver = receiver
    }

    /// `name(a, b = 1, ...rest)`, or `list.append(value)` for a method.
    public var signature: String {
        let parts = parameters.map { parameter -> String in
            if parameter.isVariadic { return "..." + parameter.name }
            if let defaultValue = parameter.defaultValue { return "\(parameter.name) = \(defaultValue.repr)" }
            return parameter.name
        }
        return (receiver.map { $0 + "." } ?? "") + name + "(" + parts.joined(separator: ", ") + ")"
    }

    /// The text `help(name)` prints: signature, summary, parameters, doc and example.
    public var helpText: String {
        var lines = [signature, "  " + summary]
        if !parameters.isEmpty {
            lines.append("")
            for parameter in parameters {
                let types = parameter.types.isEmpty ? "" : " (" + parameter.types.joined(separator: " or ") + ")"
                lines.append("  \(parameter.name)\(types): \(parameter.doc)")
            }
        }
        if !doc.isEmpty { lines += ["", doc.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")] }
        if !example.isEmpty {
            lines += ["", "Example:"] + example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

/// One parameter of a built-in.
public struct ParameterSpec {
    public var name: String
    /// The value used when the argument is left out; nil makes the argument required.
    public var defaultValue: Value?
    /// The accepted type names (`number`, `string`, `tensor`, `function`; `integer` accepts
    /// integral numbers; `any` or an empty list accepts everything). `nil` is always accepted
    /// when the default is nil.
    public var types: [String]
    /// One line about the parameter.
    public var doc: String
    /// True for a parameter that collects any number of further positional arguments; the
    /// parameters after it can only be given by keyword (`print(a, b, sep: ", ")`).
    public var isVariadic: Bool

    public init(_ name: String, defaultValue: Value? = nil, types: [String] = [], doc: String = "", isVariadic: Bool = false) {
        self.name = name
        self.defaultValue = defaultValue
        self.types = types
        self.doc = doc
        self.isVariadic = isVariadic
    }

    /// A parameter taking any number of positional arguments.
    public static func variadic(_ name: String, types: [String] = [], doc: String = "") -> ParameterSpec {
        ParameterSpec(name, types: types, doc: doc, isVariadic: true)
    }

    /// True when `value` is of an accepted type.
    public func accepts(_ value: Value) -> Bool {
        if types.isEmpty || types.contains("any") { return true }
        if case .nil = value, let defaultValue, defaultValue.isNil { return true }
        let name = value.typeName
        return types.contains { $0 == name || ($0 == "integer" && value.integer != nil) }
    }
}
