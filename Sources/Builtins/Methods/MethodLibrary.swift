import Datasets
import Foundation
import Language
import ModelHub
import Tensors

/// The `methods` library: source-free model selection and recycling, model reprogramming and
/// Hub-Pathway (SelectionBuiltins, ReprogramBuiltins, PathwayBuiltins), and the methods their
/// results share.
enum MethodLibrary {
    static var library: Library {
        Library(
            name: "methods",
            summary: "Model selection and recycling, reprogramming and Hub-Pathway over a model library.",
            functions: SelectionBuiltins.functions + ReprogramBuiltins.functions + PathwayBuiltins.functions,
            methods: SelectionBuiltins.methods + ReprogramBuiltins.methods + PathwayBuiltins.methods
                + ["reprogrammed", "pathway", "recycled"].flatMap { [accuracy(receiver: $0), predict(receiver: $0)] }
                + ["reprogrammed", "pathway"].map { save(receiver: $0) })
    }

    /// Models from a hub, a list of models, or one model.
    static func models(_ args: Arguments, _ index: Int) throws -> [SourceModel] {
        switch args[index] {
        case .host(let hub as LibraryObject): return hub.library.models
        case .host(let model as ModelObject): return [model.model]
        case .list(let list):
            return try list.elements.map { element in
                guard case .host(let model as ModelObject) = element else {
                    throw args.badArgument(index, "list of models expected, found \(element.typeName)")
                }
                return model.model
            }
        default: throw args.badArgument(index, "hub, model or list of models expected, got \(args[index].typeName)")
        }
    }

    /// The seed at `index`, which must not be negative.
    static func seed(_ args: Arguments, _ index: Int) throws -> Int {
        let seed = try args.int(index)
        guard seed >= 0 else { throw args.badArgument(index, "seed must be ≥ 0, got \(seed)") }
        return seed
    }

    /// Saves a figure to the path at `index` (creating its folder), records it for the notebook
    /// report, and returns the path.
    static func saveFigure(_ args: Arguments, at index: Int, _ save: (String) throws -> Void) throws -> Value {
        let path = try args.string(index)
        try FigureLibrary.createFolder(for: path)
        try save(path)
        SavedFiles.record(path, by: args.interpreter)
        return .string(path)
    }

    // MARK: - Methods every result has

    static func accuracy(receiver: String) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: "accuracy", parameters: [ParameterSpec("data", types: ["dataset", "split"], doc: "labelled target data (a split: its test part)")],
            summary: "Accuracy on labelled target data (black-box models: counted evaluation queries).",
            example: "# print(result.accuracy(task.test))", receiver: receiver
        )) { args in
            var data = try args.dataset(1)
            if case .host(let split as SplitObject) = args[1] { data = split.test }
            switch args.receiver {
            case .host(let r as ReprogramObject): return .number(try r.result.accuracy(data))
            case .host(let p as PathwayObject): return .number(try p.pathway.accuracy(data))
            case .host(let r as RecycledObject): return .number(try r.result.accuracy(on: data))
            default: throw args.badArgument(-1, "\(receiver) expected")
            }
        }
    }

    static func predict(receiver: String) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: "predict", parameters: [ParameterSpec("x", types: ["tensor", "dataset"], doc: "target inputs")],
            summary: "Predicted target classes.", example: "# result.predict(task.test)", receiver: receiver
        )) { args in
            let x: Tensor
            if case .host(let d as DatasetObject) = args[1] { x = d.dataset.inputs } else { x = try args.tensor(1) }
            let predicted: [Int]
            switch args.receiver {
            case .host(let r as ReprogramObject): predicted = try r.result.predict(x)
            case .host(let p as PathwayObject): predicted = try p.pathway.predict(x)
            case .host(let r as RecycledObject): predicted = try r.result.predict(x)
            default: throw args.badArgument(-1, "\(receiver) expected")
            }
            return .list(predicted.map { Value.int($0) })
        }
    }

    static func save(receiver: String) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: "save", parameters: [ParameterSpec("path", types: ["string"], doc: "a .safetensors file")],
            summary: "Writes the learned parameters as safetensors, atomically.",
            example: "# result.save(\"out/result.safetensors\")", receiver: receiver
        )) { args in
            let path = try args.string(1)
            try FigureLibrary.createFolder(for: path)
            switch args.receiver {
            case .host(let r as ReprogramObject): try r.result.save(path: path)
            case .host(let p as PathwayObject): try p.pathway.save(path: path)
            default: throw args.badArgument(-1, "\(receiver) expected")
            }
            return .string(path)
        }
    }
}
