/// A value of the language.
///
/// Small and cheap to copy: scalars inline, everything else a reference to a class. Lists and
/// dictionaries are shared, mutable objects (as in Python and Lua); strings and ranges are values.
/// Host objects are how the embedding program (tensors, models, data sets, results) enters the
/// language, with their own members and operators.
public enum Value {
    case `nil`
    case bool(Bool)
    case number(Double)
    case string(String)
    case list(ListObject)
    case dictionary(DictionaryObject)
    case range(RangeValue)
    /// A function written in the language, with the variables it captured.
    case function(Closure)
    /// A built-in function.
    case native(NativeFunction)
    case host(any HostObject)

    /// The name of the value's type, as error messages and `type()` say it.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .dictionary: return "dictionary"
        case .range: return "range"
        case .function, .native: return "function"
        case .host(let object): return object.typeName
        }
    }

    /// A list value holding `elements`.
    public static func list(_ elements: [Value]) -> Value { .list(ListObject(elements)) }

    /// A number value from an integer.
    public static func int(_ value: Int) -> Value { .number(Double(value)) }

    /// The number, when the value is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The integer, when the value is a number without a fractional part (and in range).
    public var integer: Int? {
        guard case .number(let value) = self, value == value.rounded(.towardZero),
            abs(value) < 9.007_199_254_740_992e15
        else { return nil }
        return Int(value)
    }

    /// The string, when the value is one.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The host object, when the value is one of type `T`.
    public func host<T: HostObject>(as type: T.Type) -> T? {
        if case .host(let object) = self { return object as? T }
        return nil
    }

    /// True for values that hold no reference (nil, bools, numbers): dropping one releases
    /// nothing, so the call frames skip destroying them.
    var holdsNoReference: Bool {
        switch self {
        case .nil, .bool, .number: return true
        default: return false
        }
    }

    /// True for `nil`.
    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }
}
