/// The storage of one running function: its value slots and its boxes (upvalues, then captured
/// locals), both on the machine's stacks.
struct Frame {
    let values: UnsafeMutablePointer<Value>
    let boxes: UnsafeMutablePointer<Box>
}

/// How a statement ended: normally, or by a jump the enclosing loop or function handles.
enum Flow {
    case next
    case breakLoop
    case continueLoop
    /// `return value`, or the value of a function body's last expression.
    case returned(Value)
}

/// Compiled code for an expression: evaluates it in a frame.
typealias Eval = (Frame) throws -> Value

/// Compiled code for a statement: runs it in a frame.
typealias Exec = (Frame) throws -> Flow

/// A jump out of a block used as a value (`let x = if c { break } else { 1 }`), thrown up to the
/// loop or call that handles it. Jumps from blocks in statement position travel as `Flow`.
struct ControlSignal: Error, @unchecked Sendable {
    let flow: Flow
}

/// Compiled expression code kept in an array. The struct keeps the closure in its natural
/// calling convention; a bare closure stored in an array is called through conversion thunks.
struct Code {
    let eval: Eval
}

/// A compiled statement kept in a list, with where it starts (for interrupt reports).
struct Step {
    let location: SourceLocation
    let exec: Exec
}

/// Compiled code as a struct holding what it needs, made into a closure by `exec`, `eval` or
/// `test`. Those closures capture one object (a `CodeBox`), which Swift passes as the closure's
/// context: a closure capturing several values is instead reached through a thunk that unpacks
/// them on every call, which made up a fifth of the time of a function call.
protocol StatementCode {
    func run(_ frame: Frame) throws -> Flow
}

protocol ExpressionCode {
    func evaluate(_ frame: Frame) throws -> Value
}

protocol ConditionCode {
    func test(_ frame: Frame) throws -> Bool
}

/// The one object a compiled closure captures (see `StatementCode`).
final class CodeBox<Code> {
    let code: Code

    init(_ code: Code) { self.code = code }
}

extension StatementCode {
    var exec: Exec {
        let box = CodeBox(self)
        return { frame in try box.code.run(frame) }
    }
}

extension ExpressionCode {
    var eval: Eval {
        let box = CodeBox(self)
        return { frame in try box.code.evaluate(frame) }
    }
}

extension ConditionCode {
    var condition: (Frame) throws -> Bool {
        let box = CodeBox(self)
        return { frame in try box.code.test(frame) }
    }
}
