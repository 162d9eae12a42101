import Tensors

/// Fits target inputs to a model's input shape: a gray image repeats into the model's channels
/// and images are resized (bilinear) to the model's height and width.
public enum InputAdapter {
    /// `inputs` (N×C×H×W) reshaped for a model that takes `shape` (C×H×W); unchanged if they fit.
    /// - Throws: ``HubError`` when the channel counts cannot be matched or the ranks differ.
    public static func adapt(_ inputs: Tensor, to shape: [Int], model: String) throws -> Tensor {
        if Array(inputs.shape.dropFirst()) == shape { return inputs }
        guard inputs.rank == 4, shape.count == 3 else {
            throw HubError(
                "model '\(model)': cannot adapt inputs of shape \(inputs.shape) to N×\(shape.map(String.init).joined(separator: "×"))")
        }
        var x = inputs
        if x.shape[1] != shape[0] {
            guard x.shape[1] == 1 else {
                throw HubError(
                    "model '\(model)': \(x.shape[1])-channel inputs cannot feed a \(shape[0])-channel model (expected 1 or \(shape[0]) channels)")
            }
            x = try concatenate(Array(repeating: x, count: shape[0]), axis: 1)
        }
        if x.shape[2] != shape[1] || x.shape[3] != shape[2] {
            x = try resizedBilinear(x, height: shape[1], width: shape[2])
        }
        return x
    }
}
