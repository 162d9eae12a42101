/// An error from building, drawing or saving a figure.
///
/// The text names the call or file and says what was expected and what came, for example
/// `PNG.read: '/tmp/x.png' is not a PNG file (the first 8 bytes are not the PNG signature)`.
public struct FigureError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The full message.
    public let message: String

    /// Creates an error with the given message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
