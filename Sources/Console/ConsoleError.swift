/// An error of the console itself (not of a script): a file that cannot be read or written, a
/// bad cell number. Its message names the operation and what was wrong.
public struct ConsoleError: Error, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
