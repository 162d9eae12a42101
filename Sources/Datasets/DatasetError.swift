/// An error from a dataset operation or reader: where it happened, and what was wrong.
///
/// The description reads `split: fraction 1.5 is outside 0...1`, or for a file
/// `csv: /data/digits.csv:3:7: field "ab" is not a number`.
public struct DatasetError: Error, CustomStringConvertible, Equatable {
    /// The operation or reader that failed, as the user would call it.
    public let op: String
    /// What was wrong: the file and position when there is one, what was expected and what came.
    public let message: String

    /// An error from `op` saying `message`.
    public init(_ op: String, _ message: String) {
        self.op = op
        self.message = message
    }

    /// The text shown to the user: `op: message`.
    public var description: String { "\(op): \(message)" }
}
