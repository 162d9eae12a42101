import Language
import Tensors

/// Built-ins that read and write tensors as numpy's NPY files.
enum TensorFiles {
    nonisolated(unsafe) static let functions: [NativeFunction] = [
        TensorBuiltin.make(
            BuiltinSpec(
                name: "load_npy", parameters: [ParameterSpec("path", types: ["string"], doc: "the .npy file")],
                summary: "The array in an NPY file, as a tensor.",
                doc: "Reads float32, float64, uint8, int32 and int64 arrays, little- or big-endian, C or Fortran order.\nEvery dtype becomes a float32 tensor: integers are exact up to 2^24 (labels, pixels), float64\nvalues round to the nearest float32. A missing or malformed file fails with its name and what was wrong.",
                example: "save_npy(eye(2), \"/tmp/recast-eye.npy\")\nprint(load_npy(\"/tmp/recast-eye.npy\").tolist())  # [[1, 0], [0, 1]]")
        ) { args in .tensor(try NPY.read(path: try args.string(0)).tensor()) },
        TensorBuiltin.make(
            BuiltinSpec(
                name: "save_npy",
                parameters: [
                    ParameterSpec("tensor", types: ["tensor", "param"], doc: "the values to save"),
                    ParameterSpec("path", types: ["string"], doc: "the file to write (replaced atomically)"),
                    ParameterSpec(
                        "dtype", defaultValue: .string("float32"), types: ["string"],
                        doc: "float32, float64, uint8, int32 or int64 (integer types need whole numbers in range)"),
                ],
                summary: "Writes the tensor to an NPY file that numpy.load reads.",
                example: "save_npy(tensor([1, 2]), \"/tmp/recast-labels.npy\", dtype: \"int64\")\nprint(load_npy(\"/tmp/recast-labels.npy\"))  # [1, 2]")
        ) { args in
            let dtypeName = try args.string(2)
            guard let dtype = NPYDType(rawValue: dtypeName) else {
                let valid = NPYDType.allCases.map(\.rawValue).joined(separator: ", ")
                throw args.badArgument(2, "one of \(valid) expected, got \"\(dtypeName)\"")
            }
            try NPY.write(try args.tensor(0).detached, path: try args.string(1), dtype: dtype)
            return .nil
        },
    ]
}
