/// An error from the model library: which model or file, and what was wrong or refused.
public struct HubError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
