/// An error from a tensor operation: which op, and what was wrong with its inputs.
///
/// The description reads `matmul: shapes [2, 3] and [4, 5] do not align (expected …)`.
public struct TensorError: Error, CustomStringConvertible, Equatable {
    /// The operation that failed, as the user would call it.
    public let op: String
    /// What was wrong, naming the shapes or values involved and what was expected.
    public let message: String

    public init(_ op: String, _ message: String) {
        self.op = op
        self.message = message
    }

    public var description: String { "\(op): \(message)" }
}
