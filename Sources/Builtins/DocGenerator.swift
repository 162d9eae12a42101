import Language

/// Writes docs/builtins.md: every built-in of every library, with its signature, parameters,
/// documentation and example, grouped by library.
public enum DocGenerator {
    /// The Markdown reference for `libraries` (by default, the prelude's).
    public static func markdown(libraries: [Library] = Prelude.libraries) -> String {
        var lines = [
            "# Built-ins", "",
            "Generated from the built-ins' own specs by `recast doc --markdown`; do not edit by hand.",
            "`help(name)` in the REPL shows the same text.", "",
        ]
        for library in libraries {
            lines.append("- [\(library.name)](#\(library.name)): \(library.summary)")
        }
        for library in libraries {
            lines += ["", "## \(library.name)", "", library.summary]
            if !library.constants.isEmpty {
                lines += ["", "| constant | value | meaning |", "|---|---|---|"]
                for constant in library.constants {
                    lines.append("| `\(constant.name)` | `\(constant.value.repr)` | \(constant.summary) |")
                }
            }
            let entries = library.functions + library.methods.sorted { ($0.spec.receiver ?? "", $0.spec.name) < ($1.spec.receiver ?? "", $1.spec.name) }
            for function in entries { lines += section(for: function.spec) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func section(for spec: BuiltinSpec) -> [String] {
        var lines = ["", "### `\(spec.signature)`", "", spec.summary]
        if !spec.parameters.isEmpty {
            lines.append("")
            for parameter in spec.parameters {
                let types = parameter.types.isEmpty ? "" : " (\(parameter.types.joined(separator: " or ")))"
                let name = parameter.isVariadic ? "...\(parameter.name)" : parameter.name
                lines.append("- `\(name)`\(types): \(parameter.doc)")
            }
        }
        if !spec.doc.isEmpty { lines += ["", spec.doc] }
        if !spec.example.isEmpty { lines += ["", "```recast", spec.example, "```"] }
        return lines
    }
}
