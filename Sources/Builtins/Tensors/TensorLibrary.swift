import Language

/// The `tensors` library: tensors, parameters and optimizers in the language.
///
/// ```swift
/// let interpreter = Interpreter()
/// interpreter.open(TensorLibrary.make(random: RandomSource()))
/// ```
public enum TensorLibrary {
    /// The library, its random built-ins drawing from `random` (share it with `seed()`).
    public static func make(random: RandomSource) -> Library {
        Library(
            name: "tensors",
            summary: "Float32 tensors with numpy-like operators, indexing and printing; params, autodiff and optimizers.",
            functions: TensorCreation.functions(random: random) + TensorOperations.functions + TensorLosses.functions
                + TensorTraining.functions + TensorFiles.functions,
            methods: TensorMethods.all + [ParameterObject.zeroGrad] + OptimizerObject.methods)
    }
}
