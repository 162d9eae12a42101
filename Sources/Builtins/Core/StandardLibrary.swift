import Foundation
import Language
import Learning
import Tensors

/// The core built-ins: printing, conversion, sequences, checks, time and randomness.
public enum StandardLibrary {
    /// Opens the library in `interpreter` (Lua's `luaopen_base`).
    public static func open(_ interpreter: Interpreter) { interpreter.open(library) }

    static func printValues(_ args: Arguments) throws -> Value {
        let separator = try args.string(0), end = try args.string(1)
        args.write(args.rest.map(\.description).joined(separator: separator) + end)
        return .nil
    }

    static func length(_ args: Arguments) throws -> Value {
        switch args[0] {
        case .string(let text): return .int(text.count)
        case .list(let list): return .int(list.elements.count)
        case .dictionary(let dictionary): return .int(dictionary.count)
        case .range(let range): return .int(range.count)
        case .host(let host):
            guard let count = host.count else { throw args.badArgument(0, "a \(host.typeName) has no length") }
            return .int(count)
        default:
            throw args.badArgument(0, "string, list, dictionary or range expected, got \(args[0].typeName)")
        }
    }

    static func makeRange(_ args: Arguments) throws -> Value {
        let first = try args.int(0)
        guard let second = try args.optionalInt(1) else { return .range(RangeValue(lower: 0, upper: first)) }
        let step = try args.int(2)
        guard step != 0 else { throw args.badArgument(2, "step must not be zero") }
        return .range(RangeValue(lower: first, upper: second, step: step))
    }

    static func toNumber(_ args: Arguments) throws -> Value {
        switch args[0] {
        case .number: return args[0]
        case .bool(let flag): return .number(flag ? 1 : 0)
        case .string(let text):
            let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            guard let number = Double(cleaned) else { throw ScriptError("number: cannot read \(Value.quoted(text)) as a number") }
            return .number(number)
        default:
            throw args.badArgument(0, "string, number or bool expected, got \(args[0].typeName)")
        }
    }

    static func format(_ args: Arguments) throws -> Value {
        let number = try args.number(0)
        let width = try args.int(2)
        var text = Value.format(number)
        if let decimals = try args.optionalInt(1) {
            guard (0...17).contains(decimals) else { throw args.badArgument(1, "decimals must be between 0 and 17") }
            text = String(format: "%.\(decimals)f", number)
        }
        if text.count < width { text = String(repeating: " ", count: width - text.count) + text }
        return .string(text)
    }

    static func table(_ args: Arguments) throws -> Value {
        let rows = try args.list(0).elements.enumerated().map { index, row in
            guard case .list(let cells) = row else {
                throw args.badArgument(0, "each row must be a list, row \(index) is \(row.typeName)")
            }
            return cells.elements.map(\.description)
        }
        let header = try args[1].isNil ? [] : args.list(1).elements.map(\.description)
        return .string(TextTable(header: header, rows: rows).rendered)
    }

    static func sorted(_ args: Arguments) throws -> Value {
        let elements = try Sequences.elements(of: args[0], for: "sorted")
        let key = args[1], reverse = try args.bool(2)
        let keys = try key.isNil ? elements : elements.map { try args.call(key, [$0]) }
        var failure: Error?
        let order = keys.indices.sorted { a, b in
            guard failure == nil else { return false }
            do {
                return try reverse ? Sequences.ordered(keys[b], keys[a], for: "sorted") : Sequences.ordered(keys[a], keys[b], for: "sorted")
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return .list(order.map { elements[$0] })
    }

    static func map(_ args: Arguments) throws -> Value {
        let function = try args.function(1)
        return .list(try Sequences.elements(of: args[0], for: "map").map { try args.call(function, [$0]) })
    }

    static func filter(_ args: Arguments) throws -> Value {
        let function = try args.function(1)
        return .list(
            try Sequences.elements(of: args[0], for: "filter").filter { element in
                let kept = try args.call(function, [element])
                guard case .bool(let flag) = kept else {
                    throw ScriptError("filter: the function must return a bool, got \(kept.typeName)")
                }
                return flag
            })
    }

    /// The values `min` and `max` compare: their arguments, or the elements of a single sequence.
    static func candidates(_ args: Arguments, for function: String) throws -> [Value] {
        let values = args.rest.count == 1 ? try Sequences.elements(of: args.rest[0], for: function) : args.rest
        guard !values.isEmpty else { throw ScriptError("\(function): no values to compare") }
        return values
    }

    static func minimum(_ args: Arguments) throws -> Value {
        let values = try candidates(args, for: "min")
        var best = values[0]
        for value in values.dropFirst() where try Sequences.ordered(value, best, for: "min") { best = value }
        return best
    }

    static func maximum(_ args: Arguments) throws -> Value {
        let values = try candidates(args, for: "max")
        var best = values[0]
        for value in values.dropFirst() where try Sequences.ordered(best, value, for: "max") { best = value }
        return best
    }

    static func sum(_ args: Arguments) throws -> Value {
        var total = args[1]
        for element in try Sequences.elements(of: args[0], for: "sum") {
            guard case .number(let x) = element, case .number(let t) = total else {
                throw ScriptError("sum: can only add numbers, got \(element.typeName)")
            }
            total = .number(t + x)
        }
        return total
    }

    static func enumerate(_ args: Arguments) throws -> Value {
        let start = try args.int(1)
        return .list(try Sequences.elements(of: args[0], for: "enumerate").enumerated().map { .list([.int($0 + start), $1]) })
    }

    static func zip(_ args: Arguments) throws -> Value {
        let first = try Sequences.elements(of: args[0], for: "zip"), second = try Sequences.elements(of: args[1], for: "zip")
        return .list(Swift.zip(first, second).map { .list([$0, $1]) })
    }

    static func check(_ args: Arguments) throws -> Value {
        guard try args.bool(0) else { throw ScriptError("assertion failed: \(try args.string(1))") }
        return .nil
    }

    static func seed(_ args: Arguments) throws -> Value {
        let seed = try args.int(0)
        guard seed >= 0 else { throw args.badArgument(0, "seed must not be negative") }
        RandomState.of(args.interpreter).generator = Random(seed: UInt64(seed))
        return .nil
    }

    static func random(_ args: Arguments) throws -> Value {
        .number(RandomState.of(args.interpreter).generator.nextDouble())
    }

    static func randint(_ args: Arguments) throws -> Value {
        let low = try args.int(0), high = try args.int(1)
        guard low <= high else { throw ScriptError("randint: low \(low) is above high \(high)") }
        let state = RandomState.of(args.interpreter)
        return .int(low + state.generator.nextInt(below: high - low + 1))
    }

    static func help(_ args: Arguments) throws -> Value {
        let interpreter = args.interpreter
        switch args[0] {
        case .nil:
            var lines = ["Built-ins by library (help(name) tells more):"]
            for library in interpreter.registry.libraries {
                let names = library.functions.map(\.spec.name) + library.constants.map(\.name)
                lines.append("  \(library.name): " + names.sorted().joined(separator: ", "))
            }
            args.write(lines.joined(separator: "\n") + "\n")
        case .string(let name):
            args.write(helpText(forName: name, in: interpreter) + "\n")
        default:
            args.write(interpreter.help(for: args[0]) + "\n")
        }
        return .nil
    }

    /// Help for a name: a global built-in or constant, `type.method`, or a user definition.
    static func helpText(forName name: String, in interpreter: Interpreter) -> String {
        let parts = name.split(separator: ".").map(String.init)
        if parts.count == 2, let method = interpreter.registry.method(named: parts[1], forType: parts[0]) {
            return method.spec.helpText
        }
        if let constant = interpreter.registry.constant(named: name) {
            return "\(name) = \(constant.value.repr)\n  \(constant.summary)"
        }
        if let value = interpreter.value(ofGlobal: name) { return interpreter.help(for: value) }
        return "no built-in or global named '\(name)'"
    }

    public static var library: Library {
        Library(
            name: "core", summary: "Printing, conversions, sequences, checks, time and randomness.",
            functions: [
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "print",
                        parameters: [
                            .variadic("values", doc: "the values to print"),
                            ParameterSpec("sep", defaultValue: .string(" "), types: ["string"], doc: "put between values"),
                            ParameterSpec("end", defaultValue: .string("\n"), types: ["string"], doc: "put after the last value"),
                        ],
                        summary: "Prints values, separated by spaces, then a newline.",
                        doc: "Strings print without quotes; everything else as the REPL shows it.",
                        example: "print(\"total\", 3, [1, 2])  # total 3 [1, 2]"), body: printValues),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "len", parameters: [ParameterSpec("value", doc: "a string, list, dictionary, range or host object")],
                        summary: "The number of elements (characters of a string).",
                        example: "print(len([1, 2, 3]), len(\"héllo\"))  # 3 5"), body: length),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "range",
                        parameters: [
                            ParameterSpec("start", types: ["integer"], doc: "the first element (or the end, alone)"),
                            ParameterSpec("end", defaultValue: .nil, types: ["integer"], doc: "the end, excluded"),
                            ParameterSpec("step", defaultValue: .number(1), types: ["integer"], doc: "the distance between elements"),
                        ],
                        summary: "The integers from start up to (not including) end.",
                        doc: "`range(n)` is `0..<n`; a negative step counts down.",
                        example: "print(range(3), range(10, 0, -3)[1])  # 0..<3 7"), body: makeRange),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "str", parameters: [ParameterSpec("value", doc: "any value")],
                        summary: "The value as text, as print shows it.", example: "print(str(2.5) + \"!\")  # 2.5!")
                ) { args in .string(args[0].description) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "repr", parameters: [ParameterSpec("value", doc: "any value")],
                        summary: "The value as the REPL shows it (strings quoted).",
                        example: "print(repr(\"a\"))  # \"a\"")
                ) { args in .string(args[0].repr) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "number", parameters: [ParameterSpec("value", doc: "a string, number or bool")],
                        summary: "The value as a number (reads strings such as \"2.5e3\").",
                        example: "print(number(\"2.5\") * 2)  # 5"), body: toNumber),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "type", parameters: [ParameterSpec("value", doc: "any value")],
                        summary: "The name of the value's type.", example: "print(type(1), type(\"a\"), type([]))  # number string list")
                ) { args in .string(args[0].typeName) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "format",
                        parameters: [
                            ParameterSpec("value", types: ["number"], doc: "the number"),
                            ParameterSpec("decimals", defaultValue: .nil, types: ["integer"], doc: "digits after the point (shortest form when nil)"),
                            ParameterSpec("width", defaultValue: .number(0), types: ["integer"], doc: "pad on the left to this many characters"),
                        ],
                        summary: "A number as text with a fixed number of decimals and a minimum width.",
                        example: "print(format(3.14159, decimals: 2), format(7, width: 3))  # 3.14   7"), body: format),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "table",
                        parameters: [
                            ParameterSpec("rows", types: ["list"], doc: "a list of rows, each a list of values"),
                            ParameterSpec("header", defaultValue: .nil, types: ["list"], doc: "the column titles"),
                        ],
                        summary: "Rows as a plain-text table: columns padded, numbers right-aligned, a rule under the header.",
                        example: "print(table([[\"probe\", 91.5], [\"lora\", 94]], header: [\"method\", \"accuracy\"]))"), body: table),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "sorted",
                        parameters: [
                            ParameterSpec("values", doc: "a list, range, string or dictionary"),
                            ParameterSpec("key", defaultValue: .nil, types: ["function"], doc: "gives the value to sort by"),
                            ParameterSpec("reverse", defaultValue: .bool(false), types: ["bool"], doc: "largest first"),
                        ],
                        summary: "A new list of the elements in increasing order (numbers or strings).",
                        example: "print(sorted([3, 1, 2]), sorted([\"bb\", \"a\"], key: len))  # [1, 2, 3] [\"a\", \"bb\"]"),
                    body: sorted),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "map",
                        parameters: [
                            ParameterSpec("values", doc: "a list, range, string or dictionary"),
                            ParameterSpec("function", types: ["function"], doc: "applied to each element"),
                        ],
                        summary: "A new list of function(x) for each element x.",
                        example: "print(map([1, 2, 3], fn(x) { x * x }))  # [1, 4, 9]"), body: map),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "filter",
                        parameters: [
                            ParameterSpec("values", doc: "a list, range, string or dictionary"),
                            ParameterSpec("function", types: ["function"], doc: "returns true for the elements to keep"),
                        ],
                        summary: "A new list of the elements for which function returns true.",
                        example: "print(filter(0..<6, fn(x) { x % 2 == 0 }))  # [0, 2, 4]"), body: filter),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "min", parameters: [.variadic("values", doc: "numbers or strings, or one sequence of them")],
                        summary: "The smallest of the values.", example: "print(min(3, 1, 2), min([\"b\", \"a\"]))  # 1 a"),
                    body: minimum),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "max", parameters: [.variadic("values", doc: "numbers or strings, or one sequence of them")],
                        summary: "The largest of the values.", example: "print(max(3, 1, 2), max(0..<5))  # 3 4"), body: maximum),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "sum",
                        parameters: [
                            ParameterSpec("values", doc: "a sequence of numbers"),
                            ParameterSpec("start", defaultValue: .number(0), types: ["number"], doc: "added to the total"),
                        ],
                        summary: "The total of the numbers.", example: "print(sum([1, 2, 3]), sum(0..<4, start: 10))  # 6 16"),
                    body: sum),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "enumerate",
                        parameters: [
                            ParameterSpec("values", doc: "a sequence"),
                            ParameterSpec("start", defaultValue: .number(0), types: ["integer"], doc: "the first index"),
                        ],
                        summary: "A list of [index, element] pairs.",
                        example: "for i, x in enumerate([\"a\", \"b\"]) { print(i, x) }  # 0 a, then 1 b"), body: enumerate),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "zip",
                        parameters: [ParameterSpec("first", doc: "a sequence"), ParameterSpec("second", doc: "a sequence")],
                        summary: "A list of [a, b] pairs, as long as the shorter sequence.",
                        example: "print(zip([1, 2], [\"a\", \"b\", \"c\"]))  # [[1, \"a\"], [2, \"b\"]]"), body: zip),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "assert",
                        parameters: [
                            ParameterSpec("condition", types: ["bool"], doc: "what must hold"),
                            ParameterSpec("message", defaultValue: .string("condition is false"), types: ["string"], doc: "said when it does not"),
                        ],
                        summary: "Stops with an error when the condition is false.",
                        example: "assert(1 + 1 == 2, \"arithmetic works\")"), body: check),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "time", summary: "Seconds since 1970-01-01, with a fraction (for timing code).",
                        example: "let start = time()\nprint(time() - start < 1)  # true")
                ) { _ in .number(Date().timeIntervalSince1970) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "seed", parameters: [ParameterSpec("value", types: ["integer"], doc: "a non-negative integer")],
                        summary: "Restarts the random generator from a seed, so runs repeat exactly.",
                        example: "seed(7)\nlet a = random()\nseed(7)\nprint(random() == a)  # true"), body: seed),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "random", summary: "A random number in [0, 1) from the seeded generator.",
                        example: "seed(1)\nprint(random() < 1)  # true"), body: random),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "randint",
                        parameters: [
                            ParameterSpec("low", types: ["integer"], doc: "the smallest result"),
                            ParameterSpec("high", types: ["integer"], doc: "the largest result"),
                        ],
                        summary: "A random integer from low to high, both included.",
                        example: "seed(3)\nlet d = randint(1, 6)\nprint(d >= 1 && d <= 6)  # true"), body: randint),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "help",
                        parameters: [ParameterSpec("subject", defaultValue: .nil, doc: "a value, or a name as a string (\"print\", \"list.append\")")],
                        summary: "Prints what a built-in, function, value or type offers; alone, lists every built-in.",
                        example: "help(\"len\")"), body: help),
            ])
    }
}
