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
