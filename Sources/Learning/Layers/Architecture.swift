import Foundation
import Tensors

/// The one-line architecture spec: layers separated by spaces, each a name with optional
/// arguments, e.g. `conv(1,6,5,pad=2) relu maxpool(2) flatten linear(400,120) relu linear(120,10)`.
///
/// Layers: `linear(in,out[,bias=0])`, `conv(in,out,k[,stride=s][,pad=p][,bias=0])`,
/// `maxpool(k[,stride=s])`, `avgpool(k[,stride=s])`, `relu`, `tanh`, `sigmoid`, `flatten`,
/// `dropout(p)`. Named presets: see ``presets``.
public enum Architecture {
    /// Named architectures, by name.
    public static let presets: [String: String] = [
        "mlp": "flatten linear(784,256) relu linear(256,128) relu linear(128,10)",
        "lenet5":
            "conv(1,6,5,pad=2) relu maxpool(2) conv(6,16,5) relu maxpool(2) flatten "
            + "linear(400,120) relu linear(120,84) relu linear(84,10)",
        "widecnn":
            "conv(1,32,3,pad=1) relu maxpool(2) conv(32,64,3,pad=1) relu maxpool(2) flatten "
            + "linear(3136,256) relu linear(256,10)",
    ]

    /// Builds a network from a spec or a preset name, initialised from `seed` as PyTorch would.
    ///
    /// A preset may be followed by `classes=N` to change its number of outputs, e.g. `lenet5`
    /// or `widecnn classes=36`.
    /// - Throws: ``ArchitectureError`` naming the layer, its column and what was expected.
    public static func parse(_ spec: String, seed: UInt64 = 0) throws -> Sequential {
        var rng = Random(seed: seed)
        let expanded = try expandPreset(spec)
        var layers: [Layer] = []
        for item in try tokenize(expanded) {
            layers.append(try makeLayer(item, rng: &rng))
        }
        guard !layers.isEmpty else { throw ArchitectureError(column: 1, "expected at least one layer") }
        return Sequential(layers)
    }

    /// A preset name, optionally with `classes=N`, replaced by its spec; any other text unchanged.
    public static func expandPreset(_ spec: String) throws -> String {
        let words = spec.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, let preset = presets[first] else { return spec }
        guard words.count <= 2 else {
            throw ArchitectureError(column: 1, "expected '\(first)' or '\(first) classes=N', got '\(spec)'")
        }
        guard words.count == 2 else { return preset }
        let option = words[1]
        guard option.hasPrefix("classes="), let classes = Int(option.dropFirst(8)), classes > 0 else {
            throw ArchitectureError(
                column: first.count + 2, "expected classes=N with N > 0 after '\(first)', got '\(option)'")
        }
        // The preset's last layer is `linear(a,10)`: replace its output count.
        guard let open = preset.range(of: "linear(", options: .backwards),
            let comma = preset[open.upperBound...].firstIndex(of: ",")
        else { return preset }
        return String(preset[..<comma]) + ",\(classes))"
    }

    struct Item {
        var name: String
        var positional: [Double] = []
        var options: [String: Double] = [:]
        var column: Int
    }

    static func tokenize(_ spec: String) throws -> [Item] {
        var items: [Item] = []
        let chars = Array(spec)
        var i = 0
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\t" {
                i += 1
                continue
            }
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
            guard i > start else {
                throw ArchitectureError(column: i + 1, "expected a layer name, got '\(chars[i])'")
            }
            var item = Item(name: String(chars[start..<i]).lowercased(), column: start + 1)
            if i < chars.count, chars[i] == "(" {
                guard let close = chars[i...].firstIndex(of: ")") else {
                    throw ArchitectureError(column: i + 1, "'(' after '\(item.name)' is never closed")
                }
                let inner = String(chars[(i + 1)..<close])
                var column = i + 2
                for argument in inner.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = argument.trimmingCharacters(in: .whitespaces)
                    if let eq = text.firstIndex(of: "=") {
                        let key = text[..<eq].trimmingCharacters(in: .whitespaces)
                        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                        guard let number = Double(value) else {
                            throw ArchitectureError(column: column, "expected a number for '\(key)', got '\(value)'")
                        }
                        item.options[key] = number
                    } else {
                        guard item.options.isEmpty else {
                            throw ArchitectureError(column: column, "positional argument after a named one in '\(item.name)'")
                        }
                        guard let number = Double(text) else {
                            throw ArchitectureError(column: column, "expected a number in '\(item.name)(…)', got '\(text)'")
                        }
                        item.positional.append(number)
                    }
                    column += argument.count + 1
                }
                i = close + 1
            }
            items.append(item)
        }
        return items
    }

    static func makeLayer(_ item: Item, rng: inout Random) throws -> Layer {
        func int(_ value: Double, _ what: String) throws -> Int {
            guard value == value.rounded(), value >= 1, value < 1e9 else {
                throw ArchitectureError(column: item.column, "\(item.name): \(what) must be a positive integer, got \(value)")
            }
            return Int(value)
        }
        func expect(_ counts: ClosedRange<Int>, _ usage: String, options allowed: Set<String> = []) throws {
            guard counts.contains(item.positional.count) else {
                throw ArchitectureError(column: item.column, "expected \(usage), got \(item.positional.count) argument(s)")
            }
            if let unknown = item.options.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw ArchitectureError(column: item.column, "unknown option '\(unknown)' for \(item.name); expected \(usage)")
            }
        }
        let p = item.positional
        switch item.name {
        case "linear":
            try expect(2...2, "linear(in,out[,bias=0])", options: ["bias"])
            return Linear(try int(p[0], "in"), try int(p[1], "out"), bias: item.options["bias"] != 0, rng: &rng)
        case "conv":
            try expect(3...3, "conv(in,out,k[,stride=s][,pad=p][,bias=0])", options: ["stride", "pad", "bias"])
            let pad = item.options["pad"] ?? 0
            guard pad >= 0, pad == pad.rounded() else {
                throw ArchitectureError(column: item.column, "conv: pad must be a non-negative integer, got \(pad)")
            }
            return Conv2d(
                try int(p[0], "in"), try int(p[1], "out"), kernelSize: try int(p[2], "k"),
                stride: try int(item.options["stride"] ?? 1, "stride"), padding: Int(pad),
                bias: item.options["bias"] != 0, rng: &rng)
        case "maxpool", "avgpool":
            try expect(1...1, "\(item.name)(k[,stride=s])", options: ["stride"])
            let k = try int(p[0], "k")
            let stride = try item.options["stride"].map { try int($0, "stride") }
            return item.name == "maxpool" ? MaxPool2d(k, stride: stride) : AvgPool2d(k, stride: stride)
        case "dropout":
            try expect(1...1, "dropout(p)")
            return try Dropout(Float(p[0]), seed: rng.next())
        case "relu", "tanh", "sigmoid", "flatten":
            try expect(0...0, item.name)
            switch item.name {
            case "relu": return ReLU()
            case "tanh": return Tanh()
            case "sigmoid": return Sigmoid()
            default: return Flatten()
            }
        default:
            throw ArchitectureError(
                column: item.column,
                "unknown layer '\(item.name)'; expected one of linear, conv, maxpool, avgpool, relu, tanh, sigmoid, flatten, dropout, or a preset (\(presets.keys.sorted().joined(separator: ", ")))")
        }
    }
}
