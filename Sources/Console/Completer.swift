import Foundation
import Language

/// Finds what Tab can complete in the text before the cursor: file paths inside a string,
/// members after a dot (from the object's type), keyword argument names at the start of an
/// argument, and otherwise the session's names and the language's keywords.
///
/// ```swift
/// let completer = Completer(interpreter: interpreter)
/// completer.complete("let n = le")       // word "le", candidates ["len", "let"]
/// completer.complete("xs.app")           // word "app", candidates ["append"]
/// completer.complete("scale(2, b")       // word "b", candidates ["by:"]
/// completer.complete("read(\"data/tr")   // word "data/tr", candidates ["data/train.csv"]
/// ```
public struct Completer {
    private let interpreter: Interpreter

    /// A completer for the names and values of `interpreter`.
    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    /// The completion for `text`, the input before the cursor (earlier lines of an unfinished
    /// entry included, so a call opened on an earlier line is known).
    public func complete(_ text: String) -> Completion {
        let line = String(text.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
        if let partial = Completer.openString(in: line) {
            return PathCompleter.complete(partial)
        }
        let word = String(line.unicodeScalars.reversed().prefix { Completer.isNameCharacter($0) }.reversed().map(Character.init))
        if let first = word.unicodeScalars.first, ("0"..."9").contains(first) { return .none }
        let tokens = Lexer.tokenize(String(text.unicodeScalars.dropLast(word.unicodeScalars.count)))
            .filter { $0.kind != .endOfInput && $0.kind != .newline }
        if let last = tokens.last, last.kind == .dot {
            guard let receiver = value(ofChainEndingBefore: tokens.count - 1, in: tokens) else { return .none }
            return Completion(word: word, candidates: matching(word, interpreter.memberNames(of: receiver)))
        }
        let open = Completer.openBrackets(in: tokens)
        var names = interpreter.globalNames + Token.expressionKeywords
        if open.isEmpty || tokens[open[open.count - 1]].kind == .leftBrace { names += Token.statementKeywords }
        if let last = tokens.last, last.kind == .leftParen || last.kind == .comma,
            let paren = open.last, tokens[paren].kind == .leftParen,
            let callee = value(ofChainEndingBefore: paren, in: tokens)
        {
            names += Completer.parameterNames(of: callee).map { $0 + ":" }
        }
        guard !word.isEmpty || tokens.last?.kind == .leftParen || tokens.last?.kind == .comma else { return .none }
        return Completion(word: word, candidates: matching(word, names))
    }

    private func matching(_ word: String, _ names: [String]) -> [String] {
        let hidden = !word.hasPrefix("_")
        return Array(Set(names.filter { $0.hasPrefix(word) && !(hidden && $0.hasPrefix("_")) })).sorted()
    }

    /// The value of `a.b.c` when the tokens just before `end` are such a chain of names.
    private func value(ofChainEndingBefore end: Int, in tokens: [Token]) -> Value? {
        var names: [String] = []
        var index = end - 1
        while index >= 0, tokens[index].kind == .identifier {
            names.insert(tokens[index].text, at: 0)
            guard index >= 1, tokens[index - 1].kind == .dot else { break }
            index -= 2
        }
        guard let first = names.first, var value = interpreter.value(ofGlobal: first) else { return nil }
        for name in names.dropFirst() {
            guard let member = try? interpreter.member(name, of: value) else { return nil }
            value = member
        }
        return value
    }

    /// The positions of the brackets still open at the end of `tokens`, innermost last.
    static func openBrackets(in tokens: [Token]) -> [Int] {
        var open: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: open.append(index)
            case .rightParen, .rightBracket, .rightBrace: _ = open.popLast()
            default: break
            }
        }
        return open
    }

    /// The names a function accepts as keyword arguments.
    static func parameterNames(of callee: Value) -> [String] {
        switch callee {
        case .native(let native): return native.spec.parameters.filter { !$0.isVariadic }.map(\.name)
        case .function(let closure): return closure.parameterNames
        default: return []
        }
    }

    /// The text after the opening quote when `line` ends inside a string literal.
    static func openString(in line: String) -> String? {
        guard let last = Lexer.tokenize(line).last(where: { $0.kind != .endOfInput }),
            last.kind == .error, last.text.hasPrefix("unterminated string")
        else { return nil }
        // The token starts at the opening quote (or at the `)` closing an interpolation).
        return String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(last.span.column)))
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
