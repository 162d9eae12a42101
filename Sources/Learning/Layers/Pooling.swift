import Tensors

/// Max pooling over N×C×H×W inputs (PyTorch's MaxPool2d; stride defaults to the kernel size).
public final class MaxPool2d: Layer {
    public let kernelSize: Int
    public let stride: Int

    public init(_ kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try maxPool2d(input, kernel: kernelSize, stride: stride)
    }

    public var spec: String {
        stride == kernelSize ? "maxpool(\(kernelSize))" : "maxpool(\(kernelSize),stride=\(stride))"
    }
}

/// Average pooling over N×C×H×W inputs (PyTorch's AvgPool2d; stride defaults to the kernel size).
public final class AvgPool2d: Layer {
    public let kernelSize: Int
    public let stride: Int

    public init(_ kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try avgPool2d(input, kernel: kernelSize, stride: stride)
    }

    public var spec: String {
        stride == kernelSize ? "avgpool(\(kernelSize))" : "avgpool(\(kernelSize),stride=\(stride))"
    }
}
