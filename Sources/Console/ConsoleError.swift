/// An error of the console itself (not of a script): a file that cannot be read or written, a
/// bad cell number. Its message names the operation and what was wrong.
public struct ConsoleError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, naming the operation.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
