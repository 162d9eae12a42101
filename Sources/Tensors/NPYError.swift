/// A problem with an NPY file: which file, and what was wrong, with the byte offset when one
/// applies.
///
/// The description reads `digits.npy: byte 128: expected 24 data bytes for shape [2, 3] of '<f4',
/// found 20`.
public struct NPYError: Error, CustomStringConvertible, Equatable {
    /// The file (or other source) being read or written.
    public let source: String
    /// What was wrong and what was expected, starting with `byte N:` when a position applies.
    public let message: String

    public init(_ source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    /// An error at a byte offset of the file.
    init(_ source: String, at offset: Int, _ message: String) {
        self.init(source, "byte \(offset): \(message)")
    }

    public var description: String { "\(source): \(message)" }
}
