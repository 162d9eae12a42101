import Language

/// The `:vars` table: each variable's name, type and a one-line summary, in aligned columns.
struct VariableTable {
    struct Row: Equatable {
        var name: String
        var type: String
        var summary: String
    }

    /// Summaries are cut to this many characters.
    static let summaryWidth = 60

    var rows: [Row]

    /// The table of `variables` (name and value), sorted by name.
    init(_ variables: [(name: String, value: Value)]) {
        rows = variables.sorted { $0.name < $1.name }.map { Row(name: $0.name, type: $0.value.typeName, summary: VariableTable.summary(of: $0.value)) }
    }

    /// One line about `value`: a function's signature, otherwise the first line of its repr.
    static func summary(of value: Value) -> String {
        let text: String
        switch value {
        case .function(let closure): text = closure.signature
        case .native(let native): text = native.spec.signature
        default: text = String(value.repr.prefix { $0 != "\n" })
        }
        return text.count > summaryWidth ? String(text.prefix(summaryWidth - 1)) + "…" : text
    }

    /// The table with a header, or a note when there are no variables.
    var rendered: String {
        guard !rows.isEmpty else { return "no variables yet" }
        let header = Row(name: "name", type: "type", summary: "summary")
        let all = [header] + rows
        let nameWidth = all.map(\.name.count).max() ?? 0
        let typeWidth = all.map(\.type.count).max() ?? 0
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        return all.map { pad($0.name, nameWidth) + "  " + pad($0.type, typeWidth) + "  " + $0.summary }
            .joined(separator: "\n")
    }
}
