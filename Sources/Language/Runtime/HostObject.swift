/// An object of the embedding program seen from the language: a tensor, a model, a data set,
/// a result. It names its type, lists and provides its members (properties and bound methods as
/// native functions), and may take part in operators, indexing and iteration.
///
/// Every requirement but `typeName` and `description` has a default that refuses politely, so a
/// host type implements only what it supports:
///
/// ```swift
/// final class Counter: HostObject {
///     var n = 0
///     var typeName: String { "counter" }
///     var description: String { "counter(\(n))" }
///     var memberNames: [String] { ["n", "bump"] }
///     func member(named name: String) throws -> Value? {
///         switch name {
///         case "n": return .int(n)
///         case "bump": return .native(NativeFunction(spec: BuiltinSpec(name: "bump", summary: "Adds one.")) { _ in
///             self.n += 1; return .nil })
///         default: return nil
///         }
///     }
/// }
/// ```
public protocol HostObject: AnyObject {
    /// The type's name in messages and `type()`: `tensor`, `model`, `dataset`.
    var typeName: String { get }
    /// How the REPL and `print` show the object.
    var description: String { get }
    /// Longer text for `help(object)`; nil to list the members only.
    var help: String? { get }
    /// The members, for completion and `help`.
    var memberNames: [String] { get }
    /// The property or bound method called `name`, or nil when there is none.
    func member(named name: String) throws -> Value?
    /// Sets the property `name` (`object.name = value`).
    func setMember(named name: String, to value: Value) throws
    /// The result of `self op other` (`isLeft`) or `other op self`, or nil when unsupported.
    /// `==` and `!=` fall back to identity when this returns nil.
    func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value?
    /// The result of `-self` or `!self`, or nil when unsupported.
    func unary(_ op: UnaryOperator) throws -> Value?
    /// `self[indices]`, with numpy-like slices.
    subscript(indices: [IndexArgument]) -> Value { get throws }
    /// `self[indices] = value`.
    func setSubscript(indices: [IndexArgument], to value: Value) throws
    /// The number of elements, for `len`; nil when the object has no length.
    var count: Int? { get }
    /// A function giving the elements one by one (nil at the end), for `for x in object`;
    /// nil when the object cannot be iterated.
    func makeIterator() throws -> (() throws -> Value?)?
}

extension HostObject {
    public var help: String? { nil }
    public var memberNames: [String] { [] }
    public func member(named name: String) throws -> Value? { nil }
    public func setMember(named name: String, to value: Value) throws {
        throw ScriptError("cannot set '\(name)' on a \(typeName)")
    }
    public func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? { nil }
    public func unary(_ op: UnaryOperator) throws -> Value? { nil }
    public subscript(indices: [IndexArgument]) -> Value {
        get throws { throw ScriptError("a \(typeName) cannot be indexed") }
    }
    public func setSubscript(indices: [IndexArgument], to value: Value) throws {
        throw ScriptError("a \(typeName) does not support index assignment")
    }
    public var count: Int? { nil }
    public func makeIterator() throws -> (() throws -> Value?)? { nil }
}

/// One position of an index expression `x[...]`: a value (usually an integer) or a slice.
public enum IndexArgument: CustomStringConvertible {
    case value(Value)
    /// `start:end:step`, any part left out being nil; `:` alone is `slice(nil, nil, nil)`.
    case slice(start: Int?, end: Int?, step: Int?)

    /// The integer, when this is a plain integral index.
    public var integer: Int? {
        if case .value(let value) = self { return value.integer }
        return nil
    }

    public var description: String {
        switch self {
        case .value(let value): return value.repr
        case .slice(let start, let end, let step):
            let parts = [start.map(String.init) ?? "", end.map(String.init) ?? ""]
            return parts.joined(separator: ":") + (step.map { ":\($0)" } ?? "")
        }
    }

    /// The positions a slice selects in a sequence of `count` elements, as Python computes them
    /// (negative bounds count from the end; bounds are clipped; a negative step walks backwards).
    public static func positions(start: Int?, end: Int?, step: Int?, count: Int) throws -> StrideTo<Int> {
        let step = step ?? 1
        guard step != 0 else { throw ScriptError("slice step cannot be zero") }
        func clip(_ bound: Int?, _ fallback: Int, _ low: Int, _ high: Int) -> Int {
            guard let bound else { return fallback }
            let adjusted = bound < 0 ? bound + count : bound
            return min(max(adjusted, low), high)
        }
        if step > 0 {
            return stride(from: clip(start, 0, 0, count), to: clip(end, count, 0, count), by: step)
        }
        return stride(from: clip(start, count - 1, -1, count - 1), to: clip(end, -1, -1, count - 1), by: step)
    }

    /// The position `index` names in a sequence of `count` elements (negative counts from the
    /// end), or an error naming the operation and the valid range.
    public static func position(_ index: Int, count: Int, in operation: String) throws -> Int {
        let position = index < 0 ? index + count : index
        guard position >= 0 && position < count else {
            throw ScriptError("\(operation): index \(index) is out of range (count \(count))")
        }
        return position
    }
}
