import Language

/// The interpreter every program starts with: all libraries opened.
public enum Prelude {
    /// Every library, in the order they are opened; tensor and model libraries join this list.
    public static var libraries: [Library] {
        [
            StandardLibrary.library, MathLibrary.library, StringLibrary.library, CollectionLibrary.library,
            FileLibrary.library, TensorLibrary.library, DataLibrary.library, ModelLibraryBuiltins.library,
            FigureLibrary.library, MethodLibrary.library,
        ]
    }

    /// A new interpreter with every library open, writing output with `output`.
    public static func makeInterpreter(output: @escaping (String) -> Void = { Swift.print($0, terminator: "") }) -> Interpreter {
        let interpreter = Interpreter(output: output)
        for library in libraries { interpreter.open(library) }
        return interpreter
    }
}
