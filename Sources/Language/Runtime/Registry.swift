/// A library of built-ins, as Lua's `luaL_Reg` tables: global functions, constants, and methods
/// of the language's own types (`string`, `list`, `dictionary`...), each with its spec.
public struct Library {
    /// A named constant (`pi`), with one line of documentation.
    public struct Constant {
        public var name: String
        public var value: Value
        public var summary: String

        public init(_ name: String, _ value: Value, summary: String) {
            self.name = name
            self.value = value
            self.summary = summary
        }
    }

    /// The library's name, a heading in docs/builtins.md (`core`, `math`).
    public var name: String
    /// One line about the library.
    public var summary: String
    public var functions: [NativeFunction]
    public var constants: [Constant]
    /// Methods, each with `spec.receiver` naming its type.
    public var methods: [NativeFunction]

    public init(
        name: String, summary: String, functions: [NativeFunction] = [], constants: [Constant] = [],
        methods: [NativeFunction] = []
    ) {
        self.name = name
        self.summary = summary
        self.functions = functions
        self.constants = constants
        self.methods = methods
    }
}

/// Every library opened in an interpreter: where method calls on built-in types and `help`
/// look things up.
public final class Registry {
    /// The libraries, in the order they were opened.
    public private(set) var libraries: [Library] = []
    private var functions: [String: NativeFunction] = [:]
    private var methods: [String: [String: NativeFunction]] = [:]

    public init() {}

    /// Adds `library`; later libraries replace earlier entries of the same name.
    public func open(_ library: Library) {
        libraries.append(library)
        for function in library.functions { functions[function.spec.name] = function }
        for method in library.methods {
            methods[method.spec.receiver ?? "", default: [:]][method.spec.name] = method
        }
    }

    /// The global built-in called `name`.
    public func function(named name: String) -> NativeFunction? { functions[name] }

    /// The method `name` of type `typeName` (`list`, `string`...).
    public func method(named name: String, forType typeName: String) -> NativeFunction? { methods[typeName]?[name] }

    /// The method names of type `typeName`, sorted.
    public func methodNames(forType typeName: String) -> [String] { (methods[typeName]?.keys).map { $0.sorted() } ?? [] }

    /// The constant called `name`, with its library.
    public func constant(named name: String) -> Library.Constant? {
        for library in libraries.reversed() {
            if let constant = library.constants.first(where: { $0.name == name }) { return constant }
        }
        return nil
    }
}
