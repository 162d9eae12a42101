/// A call whose arguments do not fit the callee: too many, missing, unknown keyword, wrong type.
///
/// `position` (from 1) says which argument is at fault, so the caret can point at it.
public struct ArgumentError: Error, CustomStringConvertible {
    public var message: String
    /// The argument at fault, counted from 1 among the call's arguments; nil for the call as a whole.
    public var position: Int?
    /// The keyword of the argument at fault, when it was given by keyword.
    public var keyword: String?

    public init(_ message: String, position: Int? = nil, keyword: String? = nil) {
        self.message = message
        self.position = position
        self.keyword = keyword
    }

    public var description: String { message }

    /// `bad argument #2 to 'f' (number expected, got string)`.
    public static func badArgument(_ position: Int, to function: String, _ problem: String, keyword: String? = nil) -> ArgumentError {
        ArgumentError("bad argument #\(position) to '\(function)' (\(problem))", position: position, keyword: keyword)
    }

    /// `number expected, got string`; for a non-integral number where an integer is wanted,
    /// `number has no integer representation`.
    public static func typeProblem(expected types: [String], got value: Value) -> String {
        if types.contains("integer"), case .number = value, !types.contains("number") {
            return "number has no integer representation"
        }
        return "\(types.joined(separator: " or ")) expected, got \(value.typeName)"
    }
}
