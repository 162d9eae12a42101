import Datasets
import Foundation
import Language
import Tensors

/// The `data` library: built-in synthetic domains, readers for real data, and the methods of
/// data sets (split, subset, transforms).
enum DataLibrary {
    static var library: Library {
        Library(
            name: "data", summary: "Data sets: synthetic domains, readers, splits and transforms.",
            functions: [glyphs, shapes, textures, loadIDX, loadCSV, loadNPYData, loadFolder, mnist, uciDigits, dataset],
            methods: [split, subset, take, filter, shuffle, concat, transform])
    }

    static func seed(_ args: Arguments, _ index: Int) throws -> UInt64 {
        let value = try args.int(index)
        guard value >= 0 else { throw args.badArgument(index, "seed must be ≥ 0, got \(value)") }
        return UInt64(value)
    }

    nonisolated(unsafe) static let countParameter = ParameterSpec("n", defaultValue: .int(2000), types: ["integer"], doc: "number of images (classes balanced)")
    nonisolated(unsafe) static let seedParameter = ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes every image")
    nonisolated(unsafe) static let sizeParameter = ParameterSpec("size", defaultValue: .int(28), types: ["integer"], doc: "image side in pixels")

    nonisolated(unsafe) static let glyphs = NativeFunction(spec: BuiltinSpec(
        name: "glyphs",
        parameters: [
            ParameterSpec("kind", defaultValue: .string("digits"), types: ["string"], doc: "\"digits\" (10 classes), \"letters\" (26) or \"all\" (36)"),
            countParameter, seedParameter, sizeParameter,
            ParameterSpec("thickness", defaultValue: .number(1), types: ["number"], doc: "stroke width relative to the default"),
            ParameterSpec("jitter", defaultValue: .number(1), types: ["number"], doc: "pose and ink variation, 0...3"),
            ParameterSpec("noise", defaultValue: .number(0), types: ["number"], doc: "Gaussian pixel noise, 0...1"),
        ],
        summary: "Rendered digits and letters from Recast's stroke font, with random affine jitter.",
        doc: "Gray images in [0, 1], N×1×size×size. The same seed gives the same images.",
        example: "let letters = glyphs(kind: \"letters\", n: 260, seed: 1)\nprint(letters.class_count)  # 26"
    )) { args in
        guard let kind = Glyphs.Kind(rawValue: try args.string(0)) else {
            throw args.badArgument(0, "expected \"digits\", \"letters\" or \"all\", got \"\(try args.string(0))\"")
        }
        return .host(DatasetObject(try Glyphs.make(
            kind: kind, count: try args.int(1), seed: try seed(args, 2), size: try args.int(3),
            thickness: Float(try args.number(4)), jitter: Float(try args.number(5)), noise: Float(try args.number(6)))))
    }

    nonisolated(unsafe) static let shapes = NativeFunction(spec: BuiltinSpec(
        name: "shapes",
        parameters: [
            countParameter, seedParameter, sizeParameter,
            ParameterSpec("style", defaultValue: .string("mixed"), types: ["string"], doc: "\"mixed\", \"filled\" or \"outlined\""),
            ParameterSpec("noise", defaultValue: .number(0), types: ["number"], doc: "Gaussian pixel noise, 0...1"),
        ],
        summary: "Geometric shapes (12 classes: circle, square, triangle, …) at random size, place and angle.",
        example: "let s = shapes(n: 120, seed: 2)\nprint(s.classes[0])"
    )) { args in
        guard let style = Shapes.Style(rawValue: try args.string(3)) else {
            throw args.badArgument(3, "expected \"mixed\", \"filled\" or \"outlined\", got \"\(try args.string(3))\"")
        }
        return .host(DatasetObject(try Shapes.make(
            count: try args.int(0), seed: try seed(args, 1), size: try args.int(2), style: style,
            noise: Float(try args.number(4)))))
    }

    nonisolated(unsafe) static let textures = NativeFunction(spec: BuiltinSpec(
        name: "textures",
        parameters: [
            countParameter, seedParameter, sizeParameter,
            ParameterSpec("noise", defaultValue: .number(0), types: ["number"], doc: "Gaussian pixel noise, 0...1"),
        ],
        summary: "Textures (12 classes: stripes, checks, dots, rings, …) with random phase and frequency.",
        example: "let t = textures(n: 120, seed: 3)\nprint(t.count)  # 120"
    )) { args in
        .host(DatasetObject(try Textures.make(
            count: try args.int(0), seed: try seed(args, 1), size: try args.int(2), noise: Float(try args.number(3)))))
    }

    nonisolated(unsafe) static let loadIDX = NativeFunction(spec: BuiltinSpec(
        name: "load_idx",
        parameters: [
            ParameterSpec("images", types: ["string"], doc: "IDX image file (gzip or raw)"),
            ParameterSpec("labels", types: ["string"], doc: "IDX label file (gzip or raw)"),
            ParameterSpec("name", defaultValue: .nil, types: ["string"], doc: "the data set's name"),
        ],
        summary: "Reads an IDX image file and its labels (the MNIST family) as a data set in [0, 1].",
        example: "# let test = load_idx(\"t10k-images-idx3-ubyte.gz\", \"t10k-labels-idx1-ubyte.gz\")"
    )) { args in
        .host(DatasetObject(try IDX.readDataset(
            images: try args.string(0), labels: try args.string(1), name: try args.optionalString(2))))
    }

    nonisolated(unsafe) static let loadCSV = NativeFunction(spec: BuiltinSpec(
        name: "load_csv",
        parameters: [
            ParameterSpec("path", types: ["string"], doc: "CSV file (gzip detected)"),
            ParameterSpec("label_column", defaultValue: .int(-1), types: ["integer"], doc: "column of the labels; negative counts from the end"),
            ParameterSpec("shape", defaultValue: .nil, types: ["list"], doc: "per-sample shape, e.g. [1, 8, 8]"),
            ParameterSpec("scale", defaultValue: .nil, types: ["number"], doc: "divide the features by this"),
            ParameterSpec("header", defaultValue: .bool(false), types: ["bool"], doc: "skip a header line"),
        ],
        summary: "Reads a CSV file of numeric features and a label column as a data set.",
        example: "# let digits = load_csv(\"digits.csv.gz\", shape: [1, 8, 8], scale: 16)"
    )) { args in
        let shape = try args[2].isNil ? nil : args.list(2).elements.enumerated().map { i, value -> Int in
            guard let n = value.integer, n > 0 else { throw args.badArgument(2, "shape must list positive integers, found \(value.repr) at \(i)") }
            return n
        }
        let divisor = try args.optionalNumber(3)
        if let divisor, !(divisor.isFinite && divisor != 0) {
            throw args.badArgument(3, "scale must be a finite non-zero number, got \(divisor)")
        }
        return .host(DatasetObject(try CSV.readDataset(
            path: try args.string(0), labelColumn: try args.int(1), shape: shape,
            scale: divisor.map { Float(1 / $0) }, header: try args.bool(4))))
    }

    nonisolated(unsafe) static let loadNPYData = NativeFunction(spec: BuiltinSpec(
        name: "load_npy_data",
        parameters: [
            ParameterSpec("images", types: ["string"], doc: ".npy file of N×H×W or N×C×H×W images, or N×D features (uint8 scaled to [0, 1])"),
            ParameterSpec("labels", types: ["string"], doc: ".npy file of N integer labels, or a text file with one label per line"),
            ParameterSpec("classes", defaultValue: .nil, types: ["list"], doc: "class names, by label"),
            ParameterSpec("name", defaultValue: .nil, types: ["string"], doc: "the data set's name"),
        ],
        summary: "Reads images (or features) and labels saved by numpy as a data set.",
        doc: "Gray images `N×H×W` become `N×1×H×W`. Either file may be gzip-compressed. For one array alone, use `load_npy`.",
        example: "# let pets = load_npy_data(\"x.npy\", \"y.npy\", classes: [\"cat\", \"dog\"])"
    )) { args in
        let classes = try args[2].isNil ? nil : args.list(2).elements.map { $0.string ?? $0.repr }
        return .host(DatasetObject(try NPYData.readDataset(
            images: try args.string(0), labels: try args.string(1), classNames: classes, name: try args.optionalString(3))))
    }

    nonisolated(unsafe) static let loadFolder = NativeFunction(spec: BuiltinSpec(
        name: "load_folder",
        parameters: [
            ParameterSpec("path", types: ["string"], doc: "folder with one subfolder of PNG files per class"),
            ParameterSpec("size", defaultValue: .nil, types: ["integer", "list"], doc: "resize every image: a side, or [height, width]"),
            ParameterSpec("channels", defaultValue: .nil, types: ["integer"], doc: "1 (gray) or 3 (RGB); by default gray when every image is"),
            ParameterSpec("name", defaultValue: .nil, types: ["string"], doc: "the data set's name"),
        ],
        summary: "Reads a folder of PNG images, one subfolder per class (as torchvision's ImageFolder), as a data set in [0, 1].",
        doc: "Classes are the subfolders in sorted order, files are read in sorted order. Without `size`, all images must have the same size.",
        example: "# let pets = load_folder(\"pets\", size: 32, channels: 3)"
    )) { args in
        var size: (height: Int, width: Int)?
        switch args[1] {
        case .nil: size = nil
        case .list(let list):
            let sides = list.elements.compactMap(\.integer)
            guard sides.count == 2, list.elements.count == 2 else {
                throw args.badArgument(1, "expected [height, width], got \(args[1].repr)")
            }
            size = (sides[0], sides[1])
        default:
            let side = try args.int(1)
            size = (side, side)
        }
        return .host(DatasetObject(try ImageFolder.readDataset(
            path: try args.string(0), size: size, channels: try args.optionalInt(2), name: try args.optionalString(3))))
    }

    /// The folder named by RECAST_DATA, or an error saying how to set it.
    static func dataFolder(for name: String) throws -> String {
        guard let folder = ProcessInfo.processInfo.environment["RECAST_DATA"], !folder.isEmpty else {
            throw ScriptError(
                "\(name): RECAST_DATA is not set (expected the folder holding mnist/ and digits/, e.g. RECAST_DATA=../shared/data)")
        }
        return folder
    }

    nonisolated(unsafe) static let mnist = NativeFunction(spec: BuiltinSpec(
        name: "mnist",
        summary: "The MNIST test set (10,000 digits, 28×28) from $RECAST_DATA/mnist.",
        doc: "Train on the first 8,000 and test on the last 2,000: `mnist().take(0..<8000)`.",
        example: "# let m = mnist()   # needs RECAST_DATA"
    )) { _ in
        let folder = (try dataFolder(for: "mnist") as NSString).appendingPathComponent("mnist")
        return .host(DatasetObject(try IDX.readDataset(
            images: (folder as NSString).appendingPathComponent("t10k-images-idx3-ubyte.gz"),
            labels: (folder as NSString).appendingPathComponent("t10k-labels-idx1-ubyte.gz"), name: "mnist-test")))
    }

    nonisolated(unsafe) static let uciDigits = NativeFunction(spec: BuiltinSpec(
        name: "uci_digits",
        summary: "The UCI 8×8 optical digits (1,797 images, values scaled to [0, 1]) from $RECAST_DATA/digits.",
        example: "# let d = uci_digits().transform(\"resize\", 28, 28)   # needs RECAST_DATA"
    )) { _ in
        let path = ((try dataFolder(for: "uci_digits") as NSString).appendingPathComponent("digits") as NSString)
            .appendingPathComponent("digits.csv.gz")
        var data = try CSV.readDataset(path: path, labelColumn: -1, shape: [1, 8, 8], scale: 1.0 / 16)
        data.name = "uci-digits"
        return .host(DatasetObject(data))
    }

    nonisolated(unsafe) static let dataset = NativeFunction(spec: BuiltinSpec(
        name: "dataset",
        parameters: [
            ParameterSpec("inputs", types: ["tensor", "list"], doc: "N×… inputs"),
            ParameterSpec("labels", types: ["list", "tensor"], doc: "N integer labels"),
            ParameterSpec("classes", defaultValue: .nil, types: ["list"], doc: "class names"),
            ParameterSpec("name", defaultValue: .string("data"), types: ["string"], doc: "the data set's name"),
        ],
        summary: "Makes a data set from a tensor of inputs and a list of labels.",
        example: "let d = dataset(zeros(4, 2), [0, 1, 0, 1])\nprint(d.count)  # 4"
    )) { args in
        let classes = try args[2].isNil ? nil : args.list(2).elements.map { $0.string ?? $0.repr }
        return .host(DatasetObject(try Dataset(
            name: try args.string(3), provenance: "dataset(...)", inputs: try args.tensor(0), labels: try args.integers(1),
            classNames: classes)))
    }

    // MARK: - Methods

    static func method(
        _ name: String, _ parameters: [ParameterSpec] = [], summary: String, doc: String = "", example: String,
        _ body: @escaping (Arguments, Dataset) throws -> Value
    ) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: name, parameters: parameters, summary: summary, doc: doc, example: example, receiver: "dataset"
        )) { args in try body(args, try args.dataset(0)) }
    }

    nonisolated(unsafe) static let split = method(
        "split",
        [ParameterSpec("fraction", defaultValue: .number(0.8), types: ["number"], doc: "share of each class in the training part"),
         ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the split")],
        summary: "A stratified training/test split with `.train` and `.test`.",
        example: "let task = glyphs(n: 100).split(0.8)\nprint(task.train.count)  # 80"
    ) { args, data in
        let (train, test) = try data.split(try args.number(1), seed: try seed(args, 2))
        return .host(SplitObject(train: train, test: test))
    }

    nonisolated(unsafe) static let subset = method(
        "subset",
        [ParameterSpec("per_class", types: ["integer"], doc: "samples kept per class"),
         ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the choice")],
        summary: "A random subset with the same number of samples in every class.",
        example: "let few = glyphs(n: 200).subset(5)\nprint(few.count)  # 50"
    ) { args, data in
        .host(DatasetObject(try data.subset(perClass: try args.int(1), seed: try seed(args, 2))))
    }

    nonisolated(unsafe) static let take = method(
        "take",
        [ParameterSpec("indices", types: ["range", "list"], doc: "sample positions, e.g. 0..<8000")],
        summary: "The samples at the given positions, in that order.",
        example: "let first = glyphs(n: 100).take(0..<10)\nprint(first.count)  # 10"
    ) { args, data in
        let indices: [Int]
        switch args[1] {
        case .range(let range): indices = (0..<range.count).map(range.element)
        default: indices = try args.integers(1)
        }
        return .host(DatasetObject(try data.subset(indices: indices)))
    }

    nonisolated(unsafe) static let filter = method(
        "filter",
        [ParameterSpec("classes", types: ["list", "range"], doc: "class indices or class names to keep")],
        summary: "Only the samples of the given classes, relabelled 0, 1, … in that order.",
        example: "let ab = glyphs(kind: \"letters\", n: 260).filter([\"A\", \"B\"])\nprint(ab.classes)  # [\"A\", \"B\"]"
    ) { args, data in
        if case .list(let list) = args[1], list.elements.allSatisfy({ $0.string != nil }) {
            return .host(DatasetObject(try data.filter(classNames: list.elements.compactMap(\.string))))
        }
        return .host(DatasetObject(try data.filter(classes: try args.integers(1))))
    }

    nonisolated(unsafe) static let shuffle = method(
        "shuffle", [ParameterSpec("seed", defaultValue: .int(0), types: ["integer"], doc: "fixes the order")],
        summary: "The samples in a random order.",
        example: "let d = glyphs(n: 20).shuffle(seed: 4)\nprint(d.count)  # 20"
    ) { args, data in .host(DatasetObject(try data.shuffled(seed: try seed(args, 1)))) }

    nonisolated(unsafe) static let concat = method(
        "concat",
        [ParameterSpec("other", types: ["dataset"], doc: "the data set to append"),
         ParameterSpec("classes", defaultValue: .string("disjoint"), types: ["string"], doc: "\"disjoint\" (the other's classes follow) or \"union\" (same names merge)")],
        summary: "The two data sets as one, e.g. a target mixing two domains.",
        example: "let mixed = glyphs(n: 100).concat(shapes(n: 120))\nprint(mixed.class_count)  # 22"
    ) { args, data in
        guard let merge = Dataset.ClassMerge(rawValue: try args.string(2)) else {
            throw args.badArgument(2, "expected \"disjoint\" or \"union\", got \"\(try args.string(2))\"")
        }
        return .host(DatasetObject(try data.concatenated(with: try args.dataset(1), classes: merge)))
    }

    nonisolated(unsafe) static let transform = method(
        "transform",
        [ParameterSpec("name", types: ["string"], doc: "resize, pad, crop, rotate, flip, invert, blur, noise, normalise or jitter"),
         .variadic("values", types: ["number", "string", "list"], doc: "the transform's numbers, see below")],
        summary: "Every sample transformed: `resize(h, w)`, `pad(n)`, `crop(h, w)`, `rotate(degrees)`, `flip(\"horizontal\")`, `invert()`, `blur(sigma)`, `noise(sigma)`, `normalise(mean, std)`, `jitter(rotation, scale, translation, shear)`.",
        doc: "Random transforms (noise, jitter) are seeded from the data set's size; chain `.shuffle` for other seeds.",
        example: "let big = glyphs(n: 10, size: 8).transform(\"resize\", 28, 28)\nprint(big.shape)  # [1, 28, 28]"
    ) { args, data in
        let name = try args.string(1)
        let values = args.rest
        func number(_ i: Int) throws -> Float {
            guard i < values.count, let v = values[i].number else {
                throw args.badArgument(2 + i, "number expected for \(name), got \(i < values.count ? values[i].typeName : "nothing")")
            }
            return Float(v)
        }
        func int(_ i: Int) throws -> Int {
            guard i < values.count, let v = values[i].integer else {
                throw args.badArgument(2 + i, "integer expected for \(name), got \(i < values.count ? values[i].typeName : "nothing")")
            }
            return v
        }
        let t: Transform
        switch name {
        case "resize": t = .resize(height: try int(0), width: try int(1))
        case "pad": t = .pad(try int(0))
        case "crop": t = .crop(height: try int(0), width: try int(1))
        case "rotate": t = .rotate(degrees: try number(0))
        case "flip":
            let axis = values.first?.string ?? "horizontal"
            guard let a = Transform.Axis(rawValue: axis) else {
                throw args.badArgument(2, "expected \"horizontal\" or \"vertical\", got \"\(axis)\"")
            }
            t = .flip(a)
        case "invert": t = .invert
        case "blur": t = .blur(sigma: try number(0))
        case "noise": t = .noise(sigma: try number(0))
        case "normalise", "normalize": t = .normalise(mean: [try number(0)], std: [try number(1)])
        case "jitter":
            t = .affine(rotation: try number(0), scale: try number(1), translation: try number(2), shear: try number(3))
        default:
            throw args.badArgument(1, "unknown transform '\(name)' (expected resize, pad, crop, rotate, flip, invert, blur, noise, normalise or jitter)")
        }
        return .host(DatasetObject(try data.transformed(t, seed: UInt64(data.count))))
    }
}
