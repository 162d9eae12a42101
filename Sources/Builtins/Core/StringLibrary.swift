import Foundation
import Language

/// Methods of strings: case, trimming, splitting, searching and padding.
public enum StringLibrary {
    /// Opens the library in `interpreter` (Lua's `luaopen_string`).
    public static func open(_ interpreter: Interpreter) { interpreter.open(library) }

    static func method(
        _ name: String, _ parameters: [ParameterSpec] = [], summary: String, example: String,
        _ body: @escaping (String, Arguments) throws -> Value
    ) -> NativeFunction {
        NativeFunction(
            spec: BuiltinSpec(name: name, parameters: parameters, summary: summary, example: example, receiver: "string")
        ) { args in try body(try args.string(0), args) }
    }

    static func split(_ text: String, _ args: Arguments) throws -> Value {
        guard let separator = try args.optionalString(1) else {
            return .list(text.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
        }
        guard !separator.isEmpty else { throw args.badArgument(1, "separator must not be empty") }
        return .list(text.components(separatedBy: separator).map { .string($0) })
    }

    static func find(_ text: String, _ args: Arguments) throws -> Value {
        let part = try args.string(1)
        guard let range = text.range(of: part) else { return .int(-1) }
        return .int(text.distance(from: text.startIndex, to: range.lowerBound))
    }

    static func pad(_ text: String, _ args: Arguments) throws -> Value {
        let width = try args.int(1), align = try args.string(2)
        let padding = String(repeating: " ", count: max(width - text.count, 0))
        switch align {
        case "left": return .string(text + padding)
        case "right": return .string(padding + text)
        case "center":
            let left = padding.count / 2
            return .string(String(padding.prefix(left)) + text + String(padding.dropFirst(left)))
        default: throw args.badArgument(2, "align must be \"left\", \"right\" or \"center\", got \(Value.quoted(align))")
        }
    }

    public static var library: Library {
        Library(
            name: "string", summary: "Methods of strings (\"text\".upper()).",
            methods: [
                method("upper", summary: "The text in upper case.", example: "print(\"abc\".upper())  # ABC") { text, _ in .string(text.uppercased()) },
                method("lower", summary: "The text in lower case.", example: "print(\"ABC\".lower())  # abc") { text, _ in .string(text.lowercased()) },
                method("trim", summary: "The text without leading and trailing whitespace.", example: "print(\"  a b \".trim())  # a b") {
                    text, _ in .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
                },
                method(
                    "split", [ParameterSpec("separator", defaultValue: .nil, types: ["string"], doc: "where to cut (runs of whitespace when nil)")],
                    summary: "The pieces of the text between separators.", example: "print(\"a,b,c\".split(\",\"))  # [\"a\", \"b\", \"c\"]",
                    split),
                method(
                    "replace",
                    [ParameterSpec("old", types: ["string"], doc: "the text to replace"), ParameterSpec("new", types: ["string"], doc: "what to put instead")],
                    summary: "The text with every occurrence of old replaced by new.",
                    example: "print(\"a-b-c\".replace(\"-\", \"+\"))  # a+b+c"
                ) { text, args in
                    let old = try args.string(1)
                    guard !old.isEmpty else { throw args.badArgument(1, "the text to replace must not be empty") }
                    return .string(text.replacingOccurrences(of: old, with: try args.string(2)))
                },
                method(
                    "contains", [ParameterSpec("part", types: ["string"], doc: "the text to look for")],
                    summary: "True when the text contains part.", example: "print(\"hello\".contains(\"ell\"))  # true"
                ) { text, args in .bool(text.contains(try args.string(1))) },
                method(
                    "starts", [ParameterSpec("prefix", types: ["string"], doc: "the expected beginning")],
                    summary: "True when the text starts with prefix.", example: "print(\"hello\".starts(\"he\"))  # true"
                ) { text, args in .bool(text.hasPrefix(try args.string(1))) },
                method(
                    "ends", [ParameterSpec("suffix", types: ["string"], doc: "the expected ending")],
                    summary: "True when the text ends with suffix.", example: "print(\"data.csv\".ends(\".csv\"))  # true"
                ) { text, args in .bool(text.hasSuffix(try args.string(1))) },
                method(
                    "find", [ParameterSpec("part", types: ["string"], doc: "the text to look for")],
                    summary: "The position (in characters) of the first occurrence of part, or -1.",
                    example: "print(\"hello\".find(\"l\"), \"hello\".find(\"z\"))  # 2 -1", find),
                method(
                    "pad",
                    [
                        ParameterSpec("width", types: ["integer"], doc: "the width to reach"),
                        ParameterSpec("align", defaultValue: .string("left"), types: ["string"], doc: "\"left\", \"right\" or \"center\""),
                    ],
                    summary: "The text padded with spaces to at least width characters.",
                    example: "print(\"[\" + \"ab\".pad(4, align: \"right\") + \"]\")  # [  ab]", pad),
            ])
    }
}
