/// A REPL command: a line starting with `:`.
enum ReplCommand: Equatable {
    case help(String?)
    case vars
    case time(String)
    case load(String)
    case reset
    case quit

    /// The commands with one line each, as `:help` lists them.
    static let summaries: [(usage: String, summary: String)] = [
        (":help [name]", "this list, or the documentation of a built-in, variable or type.method"),
        (":vars", "the session's variables: name, type and a summary"),
        (":time expr", "runs expr and shows how long it took"),
        (":load file", "runs a script file in this session"),
        (":reset", "forgets every variable (the built-ins stay)"),
        (":quit", "leaves the REPL (so does Ctrl-D)"),
    ]

    /// The command names, for completion.
    static var names: [String] { summaries.map { String($0.usage.prefix { $0 != " " }) } }

    /// The command on `line` (which starts with `:`), or an error naming the known commands.
    static func parse(_ line: String) throws -> ReplCommand {
        let trimmed = line.trimmingSpaces
        let name = String(trimmed.prefix { $0 != " " && $0 != "\t" })
        let argument = String(trimmed.dropFirst(name.count)).trimmingSpaces
        func required(_ what: String) throws -> String {
            guard !argument.isEmpty else { throw ConsoleError("\(name): expected \(what) (usage: \(usage(of: name)))") }
            return argument
        }
        func none() throws {
            guard argument.isEmpty else { throw ConsoleError("\(name): takes no argument, got '\(argument)'") }
        }
        switch name {
        case ":help": return .help(argument.isEmpty ? nil : argument)
        case ":vars": try none(); return .vars
        case ":time": return .time(try required("an expression"))
        case ":load": return .load(try required("a file name"))
        case ":reset": try none(); return .reset
        case ":quit", ":q", ":exit": try none(); return .quit
        default:
            throw ConsoleError("unknown command '\(name)' (commands: \(names.joined(separator: ", ")))")
        }
    }

    private static func usage(of name: String) -> String {
        summaries.first { $0.usage.hasPrefix(name) }?.usage ?? name
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
