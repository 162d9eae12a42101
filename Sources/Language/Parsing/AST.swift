/// The syntax tree the parser builds: expressions, statements, blocks and function literals.
///
/// Every node has a span for diagnostics and an `id`, unique within one parse, by which the
/// resolver records where each name lives.

/// An expression: something with a value.
public struct Expression: Sendable {
    public var kind: ExpressionKind
    public var span: SourceSpan
    public var id: Int
}

/// The kinds of expression.
public indirect enum ExpressionKind: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case `nil`
    /// A string with `\(...)` pieces.
    case interpolation([InterpolationPart])
    case variable(String)
    case list([Expression])
    case dictionary([DictionaryEntry])
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `&&` and `||`, which evaluate their right side only when needed.
    case logical(isAnd: Bool, Expression, Expression)
    /// `a..<b` or `a...b`.
    case range(Expression, Expression, inclusive: Bool)
    case call(Expression, [Argument])
    case member(Expression, name: String, nameSpan: SourceSpan)
    case index(Expression, [IndexExpression])
    case function(FunctionLiteral)
    case ifElse(condition: Expression, then: Block, else: Block?)
    case block(Block)
}

/// One piece of an interpolated string.
public enum InterpolationPart: Sendable {
    case text(String)
    case expression(Expression)
}

/// `key: value` in a dictionary literal.
public struct DictionaryEntry: Sendable {
    public var key: Expression
    public var value: Expression
}

/// One argument of a call; `label` is set for a keyword argument (`lr: 0.1`).
public struct Argument: Sendable {
    public var label: String?
    public var value: Expression
    /// The whole argument, label included.
    public var span: SourceSpan
}

/// One position inside `[...]` after an expression: a plain index or a slice `a:b:c`.
public enum IndexExpression: Sendable {
    case value(Expression)
    case slice(start: Expression?, end: Expression?, step: Expression?, span: SourceSpan)
}

/// The operators with two operands that evaluate both of them.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "**"
    case matmul = "@"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// The prefix operators.
public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "!"
}

/// A `{ ... }` block; its value is the value of its last statement when that is an expression.
public struct Block: Sendable {
    public var statements: [Statement]
    public var span: SourceSpan
}

/// `fn name(a, b = 1) { ... }` or `fn(x) { ... }`.
public struct FunctionLiteral: Sendable {
    /// The declared name; nil for an anonymous function.
    public var name: String?
    public var parameters: [Parameter]
    public var body: Block
    /// From `fn` to the closing parenthesis of the parameters: where errors about calls point.
    public var signatureSpan: SourceSpan
    public var id: Int
}

/// One parameter: its name and, when it may be left out, its default value.
public struct Parameter: Sendable {
    public var name: String
    public var defaultValue: Expression?
    public var span: SourceSpan
    public var id: Int
}

/// One name bound by a declaration or a `for` loop.
public struct Binding: Sendable {
    public var name: String
    public var span: SourceSpan
    public var id: Int
}

/// A statement: a declaration, an assignment, a loop, a jump, or an expression.
public struct Statement: Sendable {
    public var kind: StatementKind
    public var span: SourceSpan
    public var id: Int
}

/// The kinds of statement.
public indirect enum StatementKind: Sendable {
    /// `let name = value` (`isConstant`) or `var name = value` (the value may be left out).
    case declaration(isConstant: Bool, Binding, Expression?)
    /// `fn name(...) { ... }`, which declares `name` as a constant.
    case function(Binding, FunctionLiteral)
    case expression(Expression)
    /// `target = value`, or `target op= value` when `operator` is set.
    case assignment(target: Expression, operator: BinaryOperator?, value: Expression)
    /// `for x in xs { }` or, unpacking each element, `for k, v in pairs { }`.
    case forLoop([Binding], sequence: Expression, body: Block)
    case whileLoop(condition: Expression, body: Block)
    case breakLoop
    case continueLoop
    case returnValue(Expression?)
}
