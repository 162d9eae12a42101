extension Tensor: CustomStringConvertible {
    /// The elements as numpy prints them, without `array(…)`: `[[1, 2],\n [3, 4]]`; a scalar
    /// prints as its number, a large tensor shows the first and last three entries per axis.
    public var description: String { TensorFormatter().format(self) }
}
