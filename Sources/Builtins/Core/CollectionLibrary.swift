import Language

/// Methods of lists and dictionaries.
public enum CollectionLibrary {
    /// Opens the library in `interpreter` (Lua's `luaopen_table`).
    public static func open(_ interpreter: Interpreter) { interpreter.open(library) }

    static func listMethod(
        _ name: String, _ parameters: [ParameterSpec] = [], summary: String, example: String,
        _ body: @escaping (ListObject, Arguments) throws -> Value
    ) -> NativeFunction {
        NativeFunction(spec: BuiltinSpec(name: name, parameters: parameters, summary: summary, example: example, receiver: "list")) {
            args in try body(try args.list(0), args)
        }
    }

    static func dictionaryMethod(
        _ name: String, _ parameters: [ParameterSpec] = [], summary: String, example: String,
        _ body: @escaping (DictionaryObject, Arguments) throws -> Value
    ) -> NativeFunction {
        NativeFunction(
            spec: BuiltinSpec(name: name, parameters: parameters, summary: summary, example: example, receiver: "dictionary")
        ) { args in try body(try args.dictionary(0), args) }
    }

    static func pop(_ list: ListObject, _ args: Arguments) throws -> Value {
        guard !list.elements.isEmpty else { throw ScriptError("pop: the list is empty") }
        let position = try IndexArgument.position(try args.int(1), count: list.elements.count, in: "pop")
        return list.elements.remove(at: position)
    }

    static func insert(_ list: ListObject, _ args: Arguments) throws -> Value {
        let index = try args.int(1), count = list.elements.count
        let position = index < 0 ? index + count : index
        guard position >= 0 && position <= count else {
            throw ScriptError("insert: index \(index) is out of range (count \(count))")
        }
        list.elements.insert(args[2], at: position)
        return .nil
    }

    static func index(_ list: ListObject, _ args: Arguments) throws -> Value {
        for (position, element) in list.elements.enumerated() where try element.equals(args[1]) { return .int(position) }
        return .int(-1)
    }

    static func join(_ list: ListObject, _ args: Arguments) throws -> Value {
        .string(list.elements.map(\.description).joined(separator: try args.string(1)))
    }

    public static var library: Library {
        let value = ParameterSpec("value", doc: "any value")
        let key = ParameterSpec("key", types: ["bool", "number", "string"], doc: "a key")
        return Library(
            name: "collections", summary: "Methods of lists and dictionaries.",
            methods: [
                listMethod("append", [value], summary: "Adds value at the end.", example: "var xs = [1]\nxs.append(2)\nprint(xs)  # [1, 2]") {
                    list, args in
                    list.elements.append(args[1])
                    return .nil
                },
                listMethod(
                    "extend", [ParameterSpec("values", doc: "a list, range, string or dictionary")],
                    summary: "Adds every element of values at the end.", example: "var xs = [1]\nxs.extend(2...3)\nprint(xs)  # [1, 2, 3]"
                ) { list, args in
                    list.elements.append(contentsOf: try Sequences.elements(of: args[1], for: "extend"))
                    return .nil
                },
                listMethod(
                    "pop", [ParameterSpec("index", defaultValue: .number(-1), types: ["integer"], doc: "which element (the last by default)")],
                    summary: "Removes an element and returns it.", example: "var xs = [1, 2, 3]\nprint(xs.pop(), xs)  # 3 [1, 2]", pop),
                listMethod(
                    "insert", [ParameterSpec("index", types: ["integer"], doc: "the position it will have"), value],
                    summary: "Inserts value before position index.", example: "var xs = [1, 3]\nxs.insert(1, 2)\nprint(xs)  # [1, 2, 3]",
                    insert),
                listMethod("contains", [value], summary: "True when an element equals value.", example: "print([1, 2].contains(2))  # true") {
                    list, args in .bool(try list.elements.contains { try $0.equals(args[1]) })
                },
                listMethod(
                    "index", [value], summary: "The position of the first element equal to value, or -1.",
                    example: "print([\"a\", \"b\"].index(\"b\"))  # 1", index),
                listMethod("reversed", summary: "A new list with the elements in reverse order.", example: "print([1, 2, 3].reversed())  # [3, 2, 1]") {
                    list, _ in .list(list.elements.reversed())
                },
                listMethod("copy", summary: "A new list with the same elements.", example: "let a = [1]\nlet b = a.copy()\nb.append(2)\nprint(a)  # [1]") {
                    list, _ in .list(list.elements)
                },
                listMethod("clear", summary: "Removes every element.", example: "var xs = [1, 2]\nxs.clear()\nprint(xs)  # []") { list, _ in
                    list.elements.removeAll()
                    return .nil
                },
                listMethod(
                    "join", [ParameterSpec("separator", defaultValue: .string(""), types: ["string"], doc: "put between elements")],
                    summary: "The elements as text, separated by separator.", example: "print([1, 2, 3].join(\", \"))  # 1, 2, 3", join),
                dictionaryMethod("keys", summary: "The keys, in insertion order.", example: "print([\"a\": 1, \"b\": 2].keys())  # [\"a\", \"b\"]") {
                    dictionary, _ in .list(dictionary.keys.map(\.value))
                },
                dictionaryMethod("values", summary: "The values, in insertion order.", example: "print([\"a\": 1, \"b\": 2].values())  # [1, 2]") {
                    dictionary, _ in .list(dictionary.entries.map(\.value))
                },
                dictionaryMethod(
                    "items", summary: "The [key, value] pairs, in insertion order.",
                    example: "for k, v in [\"a\": 1].items() { print(k, v) }  # a 1"
                ) { dictionary, _ in .list(dictionary.entries.map { .list([$0.key.value, $0.value]) }) },
                dictionaryMethod(
                    "get", [key, ParameterSpec("default", defaultValue: .nil, doc: "returned when the key is absent")],
                    summary: "The value for key, or default when there is none.", example: "print([\"a\": 1].get(\"b\", 0))  # 0"
                ) { dictionary, args in dictionary[try DictionaryKey(args[1])] ?? args[2] },
                dictionaryMethod(
                    "remove", [key], summary: "Removes key and returns its value (nil when absent).",
                    example: "var d = [\"a\": 1]\nprint(d.remove(\"a\"), d)  # 1 [:]"
                ) { dictionary, args in
                    let key = try DictionaryKey(args[1])
                    let removed = dictionary[key] ?? .nil
                    dictionary[key] = nil
                    return removed
                },
                dictionaryMethod("contains", [key], summary: "True when key is present.", example: "print([\"a\": 1].contains(\"a\"))  # true") {
                    dictionary, args in .bool(dictionary[try DictionaryKey(args[1])] != nil)
                },
                dictionaryMethod("copy", summary: "A new dictionary with the same entries.", example: "let d = [\"a\": 1]\nprint(d.copy() == d)  # true") {
                    dictionary, _ in .dictionary(DictionaryObject(dictionary.entries.map { ($0.key, $0.value) }))
                },
            ])
    }
}
