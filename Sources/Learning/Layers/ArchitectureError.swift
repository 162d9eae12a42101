/// A malformed architecture spec: the column (1-based) and what was expected.
public struct ArchitectureError: Error, CustomStringConvertible, Equatable {
    public let column: Int
    public let message: String

    public init(column: Int, _ message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "architecture spec, column \(column): \(message)" }
}
