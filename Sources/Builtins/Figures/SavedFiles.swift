/// Where the built-ins report the files they write (figures, images), so that a notebook run
/// can embed the figures each cell saved.
public enum SavedFiles {
    /// Called with the path of every figure or image file written, in order.
    nonisolated(unsafe) public static var observer: ((String) -> Void)?

    /// Reports a written file to the observer, if any.
    public static func record(_ path: String) {
        observer?(path)
    }
}
