/// An error from model selection or recycling: the operation, and what was expected vs what came.
public struct SelectionError: Error, CustomStringConvertible, Equatable {
    public let message: String

    /// An error whose text starts with the operation, e.g. `select: ...`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
