/// The run-time stacks of an interpreter: one stack of value slots and one of boxes, on which
/// each call takes its frame, and the call depth.
///
/// Calls push their arguments at `valueTop` and the callee's frame starts there, so a call
/// allocates nothing. Depth is limited to `maxDepth` calls, well within the Swift stack of the
/// thread the interpreter runs on (see `Interpreter`).
final class Machine {
    /// The most nested calls allowed before "stack overflow".
    static let maxDepth = 10_000
    private static let valueCapacity = 1 << 20
    private static let boxCapacity = 1 << 18

    let valueBase: UnsafeMutablePointer<Value>
    let valueLimit: UnsafeMutablePointer<Value>
    let boxBase: UnsafeMutablePointer<Box>
    let boxLimit: UnsafeMutablePointer<Box>
    @exclusivity(unchecked) var valueTop: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) var boxTop: UnsafeMutablePointer<Box>
    @exclusivity(unchecked) var depth = 0
    /// What a box slot holds until its variable is declared.
    let emptyBox = Box(.nil)
    /// The interpreter's interrupt flag, checked at each statement.
    let interrupt: InterruptFlag

    init(interrupt: InterruptFlag) {
        self.interrupt = interrupt
        valueBase = .allocate(capacity: Machine.valueCapacity)
        valueLimit = valueBase + Machine.valueCapacity
        boxBase = .allocate(capacity: Machine.boxCapacity)
        boxLimit = boxBase + Machine.boxCapacity
        valueTop = valueBase
        boxTop = boxBase
    }

    deinit {
        valueBase.deallocate()
        boxBase.deallocate()
    }

    /// Throws "interrupted" when an interrupt was requested, clearing the request.
    @inline(__always)
    func checkInterrupt(_ location: @autoclosure () -> SourceLocation) throws {
        if interrupt.isRaised {
            interrupt.lower()
            throw RuntimeError("interrupted", at: location(), isInterrupt: true)
        }
    }

    /// Runs `closure` with the `count` arguments already pushed at `base` (= `valueTop - count`).
    /// Takes the arguments off the stack whatever happens.
    /// Parameters listed in `missing` (given by keyword calls as gaps) take their defaults too.
    @inline(__always)
    func invoke(
        _ closure: Closure, base: UnsafeMutablePointer<Value>, count: Int, missing: [Int] = [], at site: SourceLocation
    ) throws -> Value {
        let frameSize = closure.frameSize
        let boxCount = closure.boxCount
        let boxes = boxTop
        guard count <= closure.parameterCount, depth < Machine.maxDepth,
            base + frameSize < valueLimit, boxes + boxCount < boxLimit
        else {
            base.deinitialize(count: count)
            valueTop = base
            throw callFailure(closure.prototype, count: count, at: site)
        }
        var slot = count
        while slot < frameSize {
            (base + slot).initialize(to: .nil)
            slot += 1
        }
        if boxCount > 0 { initializeBoxes(boxes, of: closure) }
        valueTop = base + frameSize
        boxTop = boxes + boxCount
        depth += 1
        defer {
            var slot = 0
            while slot < frameSize {
                if !base[slot].holdsNoReference { (base + slot).deinitialize(count: 1) }
                slot += 1
            }
            if boxCount > 0 { boxes.deinitialize(count: boxCount) }
            valueTop = base
            boxTop = boxes
            depth -= 1
        }
        let frame = Frame(values: base, boxes: boxes)
        if count < closure.parameterCount || !missing.isEmpty {
            try fillDefaults(closure.prototype, frame, missing + Array(count..<closure.parameterCount), at: site)
        }
        if !closure.isSimple {
            for (slot, box) in closure.prototype.boxedParameters { boxes[box] = Box(base[slot]) }
        }
        do {
            if case .returned(let value) = try closure.body(frame) { return value }
            return .nil
        } catch let signal as ControlSignal {
            if case .returned(let value) = signal.flow { return value }
            return .nil
        }
    }

    /// Upvalues from the closure, then empty boxes for the captured locals.
    private func initializeBoxes(_ boxes: UnsafeMutablePointer<Box>, of closure: Closure) {
        let prototype = closure.prototype
        for (index, box) in closure.captures.enumerated() { (boxes + index).initialize(to: box) }
        let locals = prototype.boxCount - prototype.upvalueCount
        if locals > 0 { (boxes + prototype.upvalueCount).initialize(repeating: emptyBox, count: locals) }
    }

    private func fillDefaults(_ prototype: FunctionPrototype, _ frame: Frame, _ indices: [Int], at site: SourceLocation) throws {
        for index in indices.sorted() {
            guard let defaultValue = prototype.defaults[index] else {
                throw RuntimeError(
                    "missing argument '\(prototype.parameterNames[index])' in call to '\(prototype.name)'", at: site,
                    isAboutCall: true)
            }
            frame.values[index] = try defaultValue.eval(frame)
        }
    }

    private func callFailure(_ prototype: FunctionPrototype, count: Int, at site: SourceLocation) -> RuntimeError {
        if count > prototype.parameterCount {
            let takes = prototype.parameterCount == 1 ? "1 argument" : "\(prototype.parameterCount) arguments"
            return RuntimeError(
                "too many arguments to '\(prototype.name)' (it takes \(takes), got \(count))", at: site, isAboutCall: true)
        }
        return RuntimeError("stack overflow (call depth exceeds \(Machine.maxDepth))", at: site, isAboutCall: true)
    }
}
