/// A problem with a safetensors file: which file, and what was wrong — the byte offset, the
/// tensor name, its offsets — and what was expected.
///
/// The description reads `model.safetensors: tensor '0.weight': dtype F32 and shape [3, 2] need
/// 24 bytes, but data_offsets [0, 20] hold 20`.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable {
    /// The file (or other source) being read or written.
    public let source: String
    /// What was wrong and what was expected.
    public let message: String

    public init(_ source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
