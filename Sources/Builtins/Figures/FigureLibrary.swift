import Figures
import Foundation
import Language
import Tensors

/// The `figures` library: `figure(...)` with line, scatter, bar, heatmap, image and image-grid
/// charts saved as PNG or SVG; `png(tensor, path)` for one tensor; `read_png(path)`.
enum FigureLibrary {
    static var library: Library {
        Library(
            name: "figures", summary: "Paper-ready figures: charts in panels, saved as PNG or SVG; tensors as images.",
            functions: [figure, png(), readPNG],
            methods: [line, scatter, bar, heatmap, image, images, save, png(receiver: "tensor")])
    }

    nonisolated(unsafe) static let figure = NativeFunction(spec: BuiltinSpec(
        name: "figure",
        parameters: [
            ParameterSpec("rows", defaultValue: .int(1), types: ["integer"], doc: "panel rows"),
            ParameterSpec("cols", defaultValue: .int(1), types: ["integer"], doc: "panel columns"),
            ParameterSpec("width", defaultValue: .nil, types: ["number"], doc: "width in units (640 for one panel, 380 per column)"),
            ParameterSpec("height", defaultValue: .nil, types: ["number"], doc: "height in units (480 for one panel, 320 per row)"),
            ParameterSpec("scale", defaultValue: .number(1), types: ["number"], doc: "PNG pixels per unit (2 or 3 for print)"),
            ParameterSpec("title", defaultValue: .nil, types: ["string"], doc: "a title above all panels"),
        ],
        summary: "A new figure with a grid of panels; charts draw into a panel, `save` writes PNG or SVG.",
        doc: "Default sizes suit a paper column (matplotlib's 6.4×4.8 in at 100 dpi). The same figure gives the same bytes.",
        example: "let fig = figure(cols: 2)\nfig.line([1, 3, 2], label: \"loss\", panel: 0, title: \"Training\")\nfig.bar([\"a\", \"b\"], [2, 5], panel: 1)\n# fig.save(\"out/example.png\")"
    )) { args in
        let fig = try Figure(
            rows: try args.int(0), cols: try args.int(1), width: try args.optionalNumber(2),
            height: try args.optionalNumber(3), scale: try args.number(4))
        fig.title = try args.optionalString(5)
        return .host(FigureObject(fig))
    }

    // MARK: - Chart methods

    /// Keyword parameters every chart method takes, after its own.
    nonisolated(unsafe) static let panelParameters = [
        ParameterSpec("panel", defaultValue: .int(0), types: ["integer", "list"], doc: "panel index (row-major) or [row, col]"),
        ParameterSpec("title", defaultValue: .nil, types: ["string"], doc: "the panel's title"),
        ParameterSpec("xlabel", defaultValue: .nil, types: ["string"], doc: "x-axis label"),
        ParameterSpec("ylabel", defaultValue: .nil, types: ["string"], doc: "y-axis label"),
        ParameterSpec("grid", defaultValue: .nil, types: ["bool"], doc: "draw grid lines"),
    ]

    /// A chart method: `own` parameters, then the panel parameters; `body` draws into the panel.
    static func chart(
        _ name: String, _ own: [ParameterSpec], summary: String, example: String,
        _ body: @escaping (Arguments, Panel) throws -> Void
    ) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(
            name: name, parameters: own + panelParameters, summary: summary, example: example, receiver: "figure"
        )) { args in
            let fig = try args.host(0, as: FigureObject.self).figure
            let base = own.count + 1
            let panel: Panel
            if case .list = args[base] {
                let rc = try args.integers(base)
                guard rc.count == 2 else { throw args.badArgument(base, "[row, col] expected, got \(rc.count) numbers") }
                panel = try fig.panel(rc[0], rc[1])
            } else {
                let index = try args.int(base)
                guard index >= 0, index < fig.rows * fig.cols else {
                    throw args.badArgument(base, "panel \(index) does not exist (expected 0..<\(fig.rows * fig.cols))")
                }
                panel = try fig.panel(index / fig.cols, index % fig.cols)
            }
            if let title = try args.optionalString(base + 1) { panel.title = title }
            if let x = try args.optionalString(base + 2) { panel.xLabel = x }
            if let y = try args.optionalString(base + 3) { panel.yLabel = y }
            if !args[base + 4].isNil { panel.grid = try args.bool(base + 4) }
            try body(args, panel)
            return args.receiver
        }
    }

    /// Numbers from a list or a tensor.
    static func numbers(_ args: Arguments, _ index: Int) throws -> [Double] {
        if case .list(let list) = args[index] {
            return try list.elements.map { value in
                guard let n = value.number else { throw args.badArgument(index, "list of numbers expected, found \(value.typeName)") }
                return n
            }
        }
        return try args.tensor(index).scalars.map(Double.init)
    }

    static func strings(_ args: Arguments, _ index: Int) throws -> [String]? {
        if args[index].isNil { return nil }
        return try args.list(index).elements.map { $0.string ?? $0.repr }
    }

    static func colorMap(_ args: Arguments, _ index: Int) throws -> ColorMap {
        let name = try args.string(index)
        do { return try ColorMap.named(name) } catch {
            throw args.badArgument(index, "unknown colour map '\(name)' (expected \(ColorMap.names.joined(separator: ", ")))")
        }
    }

    static func range(_ args: Arguments, _ index: Int) throws -> ClosedRange<Double>? {
        if args[index].isNil { return nil }
        let bounds = try numbers(args, index)
        guard bounds.count == 2, bounds[0] < bounds[1] else {
            throw args.badArgument(index, "[low, high] with low < high expected")
        }
        return bounds[0]...bounds[1]
    }

    nonisolated(unsafe) static let markerParameter = ParameterSpec("marker", defaultValue: .nil, types: ["string"], doc: "matplotlib marker: o . s ^ v D + x")

    static func marker(_ args: Arguments, _ index: Int) throws -> Marker? {
        guard let name = try args.optionalString(index) else { return nil }
        guard let marker = Marker(rawValue: name) else {
            throw args.badArgument(index, "unknown marker '\(name)' (expected \(Marker.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return marker
    }

    nonisolated(unsafe) static let line = chart(
        "line",
        [ParameterSpec("y", types: ["list", "tensor"], doc: "values"),
         ParameterSpec("x", defaultValue: .nil, types: ["list", "tensor"], doc: "positions (default 0, 1, …)"),
         ParameterSpec("label", defaultValue: .nil, types: ["string"], doc: "legend entry"),
         markerParameter],
        summary: "A line (optionally with markers) in a panel.",
        example: "figure().line([0.9, 0.5, 0.3], label: \"loss\", marker: \"o\", xlabel: \"epoch\")"
    ) { args, panel in
        try panel.line(
            x: args[2].isNil ? nil : try numbers(args, 2), y: try numbers(args, 1), label: try args.optionalString(3),
            marker: try marker(args, 4))
    }

    nonisolated(unsafe) static let scatter = chart(
        "scatter",
        [ParameterSpec("x", types: ["list", "tensor"], doc: "x values"),
         ParameterSpec("y", types: ["list", "tensor"], doc: "y values"),
         ParameterSpec("labels", defaultValue: .nil, types: ["list"], doc: "a text label per point"),
         ParameterSpec("label", defaultValue: .nil, types: ["string"], doc: "legend entry")],
        summary: "Points, optionally each with a text label, in a panel.",
        example: "figure().scatter([0.1, 0.5], [0.8, 0.9], labels: [\"a\", \"b\"], xlabel: \"score\", ylabel: \"accuracy\")"
    ) { args, panel in
        try panel.scatter(
            x: try numbers(args, 1), y: try numbers(args, 2), labels: try strings(args, 3), label: try args.optionalString(4))
    }

    nonisolated(unsafe) static let bar = chart(
        "bar",
        [ParameterSpec("categories", types: ["list"], doc: "category names"),
         ParameterSpec("values", types: ["list", "tensor", "dictionary"], doc: "one value per category, or [\"series\": values] for grouped bars"),
         ParameterSpec("value_labels", defaultValue: .bool(false), types: ["bool"], doc: "print each value on its bar")],
        summary: "Bars, or grouped bars from a dictionary of series, in a panel.",
        example: "figure().bar([\"a\", \"b\"], [\"ours\": [1, 2], \"base\": [0.5, 1.5]], value_labels: true)"
    ) { args, panel in
        let categories = try strings(args, 1) ?? []
        if case .dictionary(let dictionary) = args[2] {
            let series = try dictionary.entries.map { key, value -> (name: String, values: [Double]) in
                guard case .list(let list) = value else { throw args.badArgument(2, "each series must be a list of numbers") }
                return (key.value.string ?? key.value.repr, list.elements.compactMap(\.number))
            }
            try panel.bar(categories: categories, series: series, valueLabels: try args.bool(3))
        } else {
            try panel.bar(categories: categories, values: try numbers(args, 2), valueLabels: try args.bool(3))
        }
    }

    nonisolated(unsafe) static let heatmap = chart(
        "heatmap",
        [ParameterSpec("values", types: ["list", "tensor"], doc: "a matrix (rows of numbers, or a 2-D tensor)"),
         ParameterSpec("rows", defaultValue: .nil, types: ["list"], doc: "row labels"),
         ParameterSpec("cols", defaultValue: .nil, types: ["list"], doc: "column labels"),
         ParameterSpec("annotate", defaultValue: .bool(false), types: ["bool"], doc: "print each cell's value"),
         ParameterSpec("cmap", defaultValue: .string("viridis"), types: ["string"], doc: "viridis, magma, gray or rdbu"),
         ParameterSpec("range", defaultValue: .nil, types: ["list"], doc: "[low, high] of the colour scale")],
        summary: "A heatmap with row and column labels and a colour bar, in a panel.",
        example: "figure().heatmap([[1, 2], [3, 4]], rows: [\"a\", \"b\"], cols: [\"x\", \"y\"], annotate: true)"
    ) { args, panel in
        let matrix: [[Double]]
        if case .list(let list) = args[1] {
            matrix = try list.elements.map { row in
                guard case .list(let cells) = row else { throw args.badArgument(1, "a list of rows expected") }
                return cells.elements.compactMap(\.number)
            }
        } else {
            let t = try args.tensor(1)
            guard t.rank == 2 else { throw args.badArgument(1, "2-D tensor expected, got shape \(t.shape)") }
            matrix = (0..<t.shape[0]).map { r in (0..<t.shape[1]).map { Double(t.scalars[r * t.shape[1] + $0]) } }
        }
        try panel.heatmap(
            values: matrix, rowLabels: try strings(args, 2), colLabels: try strings(args, 3), annotate: try args.bool(4),
            cmap: try colorMap(args, 5), range: try range(args, 6))
    }

    /// A tensor (H×W, C×H×W or 1×C×H×W) as a figure image.
    static func figureImage(_ tensor: Tensor, caller: String) throws -> FigureImage {
        var shape = tensor.shape
        while shape.count > 3, shape.first == 1 { shape.removeFirst() }
        switch shape.count {
        case 2: return try FigureImage(pixels: tensor.scalars, height: shape[0], width: shape[1], caller: caller)
        case 3:
            // Channel-first (PyTorch) to the channel-last pixels the figure expects.
            let (c, h, w) = (shape[0], shape[1], shape[2])
            var pixels = [Float](repeating: 0, count: c * h * w)
            for ch in 0..<c { for i in 0..<(h * w) { pixels[i * c + ch] = tensor.scalars[ch * h * w + i] } }
            return try FigureImage(pixels: pixels, height: h, width: w, channels: c, caller: caller)
        default:
            throw ScriptError("\(caller): expected an image H×W or C×H×W, got shape \(tensor.shape)")
        }
    }

    nonisolated(unsafe) static let image = chart(
        "image",
        [ParameterSpec("tensor", types: ["tensor"], doc: "H×W, or C×H×W with 1, 3 or 4 channels"),
         ParameterSpec("cmap", defaultValue: .string("gray"), types: ["string"], doc: "colour map for one channel"),
         ParameterSpec("range", defaultValue: .nil, types: ["list"], doc: "[low, high] of the colour scale"),
         ParameterSpec("colorbar", defaultValue: .bool(false), types: ["bool"], doc: "draw a colour bar")],
        summary: "A tensor shown as an image (nearest-neighbour upscaling), gray or colour-mapped, in a panel.",
        example: "figure().image(rand(8, 8), cmap: \"viridis\", colorbar: true)"
    ) { args, panel in
        try panel.image(
            try figureImage(try args.tensor(1), caller: "image"), cmap: try colorMap(args, 2), range: try range(args, 3),
            colorBar: try args.bool(4))
    }

    nonisolated(unsafe) static let images = chart(
        "images",
        [ParameterSpec("tensors", types: ["tensor", "list"], doc: "N×C×H×W (or N×H×W) tensor, or a list of images"),
         ParameterSpec("captions", defaultValue: .nil, types: ["list"], doc: "a caption per image"),
         ParameterSpec("columns", defaultValue: .nil, types: ["integer"], doc: "images per row"),
         ParameterSpec("cmap", defaultValue: .string("gray"), types: ["string"], doc: "colour map for one channel")],
        summary: "A grid of small images with captions, in a panel.",
        example: "figure().images(glyphs(n: 6).inputs, captions: [\"0\", \"1\", \"2\", \"3\", \"4\", \"5\"])"
    ) { args, panel in
        var list: [FigureImage] = []
        if case .list(let elements) = args[1] {
            for element in elements.elements {
                guard let t = TensorConversion.operand(element) else { throw args.badArgument(1, "a list of tensors expected") }
                list.append(try figureImage(t, caller: "images"))
            }
        } else {
            let batch = try args.tensor(1)
            guard batch.rank >= 3 else { throw args.badArgument(1, "N×H×W or N×C×H×W expected, got shape \(batch.shape)") }
            for i in 0..<batch.shape[0] {
                list.append(try figureImage(try batch.indexed([.at(i)]), caller: "images"))
            }
        }
        try panel.images(list, captions: try strings(args, 2), columns: try args.optionalInt(3), cmap: try colorMap(args, 4))
    }

    nonisolated(unsafe) static let save = NativeFunction(spec: BuiltinSpec(
        name: "save", parameters: [ParameterSpec("path", types: ["string"], doc: "a .png or .svg file")],
        summary: "Writes the figure as PNG or SVG (by the extension), atomically; folders are created.",
        example: "# figure().line([1, 2]).save(\"out/line.svg\")", receiver: "figure"
    )) { args in
        let path = try args.string(1)
        try createFolder(for: path)
        try args.host(0, as: FigureObject.self).figure.save(path)
        SavedFiles.record(path, by: args.interpreter)
        return .string(path)
    }

    static func createFolder(for path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    }

    // MARK: - Single tensors

    /// `png(tensor, path, ...)`, and with `receiver` "tensor" the method `tensor.png(path, ...)`:
    /// the same body, since a method's receiver is its argument 0.
    static func png(receiver: String? = nil) -> NativeFunction {
        let tensor = ParameterSpec("tensor", types: ["tensor"], doc: "H×W, or C×H×W with 1, 3 or 4 channels")
        return NativeFunction(spec: BuiltinSpec(
            name: "png",
            parameters: (receiver == nil ? [tensor] : []) + [
                ParameterSpec("path", types: ["string"], doc: "the .png file"),
                ParameterSpec("cmap", defaultValue: .string("gray"), types: ["string"], doc: "viridis, magma, gray or rdbu (rdbu centres 0 on white)"),
                ParameterSpec("scale", defaultValue: .int(1), types: ["integer"], doc: "nearest-neighbour upscaling factor"),
                ParameterSpec("range", defaultValue: .nil, types: ["list"], doc: "[low, high] mapped to the colour map's ends (default: the data's range; symmetric for rdbu)"),
            ],
            summary: receiver == nil
                ? "Writes one tensor as a PNG image, without axes: gray or colour-mapped, upscaled."
                : "Writes the tensor as a PNG image, without axes: gray or colour-mapped, upscaled.",
            example: receiver == nil
                ? "# png(randn(8, 8), \"out/noise.png\", cmap: \"rdbu\", scale: 8)"
                : "# rp.perturbation.png(\"out/perturbation.png\", cmap: \"rdbu\", scale: 8)",
            receiver: receiver
        )) { args in
            let path = try args.string(1)
            try createFolder(for: path)
            try figureImage(try args.tensor(0), caller: "png").savePNG(
                path, cmap: try colorMap(args, 2), range: try range(args, 4), scale: try args.int(3))
            SavedFiles.record(path, by: args.interpreter)
            return .string(path)
        }
    }

    nonisolated(unsafe) static let readPNG = NativeFunction(spec: BuiltinSpec(
        name: "read_png",
        parameters: [ParameterSpec("path", types: ["string"], doc: "a PNG file (any colour type; 16-bit and palettes converted)")],
        summary: "Reads a PNG as a tensor in [0, 1]: H×W for gray, C×H×W otherwise.",
        example: "# let img = read_png(\"out/noise.png\")"
    )) { args in
        let image = try PNG.read(try args.string(0))
        let (c, h, w) = (image.channels, image.height, image.width)
        var values = [Float](repeating: 0, count: c * h * w)
        for i in 0..<(h * w) { for ch in 0..<c { values[ch * h * w + i] = Float(image.pixels[i * c + ch]) / 255 } }
        return .host(TensorObject(try Tensor(shape: c == 1 ? [h, w] : [c, h, w], scalars: values)))
    }
}
