extension Tensor {
    /// Gives `body` write access to the elements in place (copying first only if the storage is
    /// shared). For optimizers and kernels; the shape cannot change.
    public mutating func withMutableScalars<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        node = nil
        return try scalars.withUnsafeMutableBufferPointer { try body(&$0) }
    }
}
