/// An error from reprogramming: what was asked, and what was expected.
public struct ReprogrammingError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
