/// A value usable as a dictionary key: a bool, a number or a string.
public enum DictionaryKey: Hashable, Sendable {
    case bool(Bool)
    case number(Double)
    case string(String)

    /// The key for `value`; throws for values that cannot be keys (lists, functions, nan...).
    public init(_ value: Value) throws {
        switch value {
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            guard !number.isNaN else { throw ScriptError("nan cannot be a dictionary key") }
            self = .number(number == 0 ? 0 : number)
        case .string(let text): self = .string(text)
        default: throw ScriptError("a \(value.typeName) cannot be a dictionary key (use a string, number or bool)")
        }
    }

    /// The key as a value.
    public var value: Value {
        switch self {
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        }
    }
}
