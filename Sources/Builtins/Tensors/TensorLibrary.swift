import Language

/// The `tensors` library: tensors, parameters and optimizers in the language. Its random
/// built-ins share the interpreter's generator with `random()`, so `seed(n)` repeats them too.
public enum TensorLibrary {
    public static var library: Library {
        Library(
            name: "tensors",
            summary: "Float32 tensors with numpy-like operators, indexing and printing; params, autodiff and optimizers.",
            functions: TensorCreation.functions + TensorOperations.functions + TensorLosses.functions
                + TensorTraining.functions + TensorFiles.functions,
            methods: TensorMethods.all + [ParameterObject.zeroGrad] + OptimizerObject.methods)
    }
}
