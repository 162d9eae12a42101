/// An error from Hub-Pathway: what was asked and what was expected.
public struct PathwayError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
