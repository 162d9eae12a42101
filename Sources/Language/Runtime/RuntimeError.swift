/// An error raised while running, with where it happened and the calls that led there.
struct RuntimeError: Error, @unchecked Sendable {
    var message: String
    var location: SourceLocation?
    /// Each call the error unwound through, innermost first: the function left, and where it was called.
    /// A site is nil when a built-in made the call. Shared storage, so that an error unwinding
    /// through thousands of calls appends in place instead of copying the list at every level.
    private let trace = Trace()
    var calls: [(function: String, site: SourceLocation?)] { trace.calls }
    var isInterrupt = false
    /// True for errors about a call itself (arguments, depth), located at the call: the callee
    /// never ran, so it is not part of the traceback.
    var isAboutCall = false

    init(_ message: String, at location: SourceLocation?, isInterrupt: Bool = false, isAboutCall: Bool = false) {
        self.message = message
        self.location = location
        self.isInterrupt = isInterrupt
        self.isAboutCall = isAboutCall
    }

    /// The error with one more call it unwound through (unless it is about that call itself).
    func leaving(_ function: String, calledAt site: SourceLocation?) -> RuntimeError {
        if isAboutCall {
            var copy = self
            copy.isAboutCall = false
            return copy
        }
        trace.calls.append((function, site))
        return self
    }

    /// The error as a diagnostic with its traceback.
    var diagnostic: Diagnostic {
        let file = location?.file
        let span = location?.span ?? SourceSpan(line: 1, column: 1, length: 0)
        var frames: [Diagnostic.Frame] = []
        if let location {
            frames.append(Diagnostic.Frame(file: location.file.name, span: location.span, function: calls.first?.function))
        }
        for (index, call) in calls.enumerated() {
            let caller = index + 1 < calls.count ? calls[index + 1].function : nil
            frames.append(Diagnostic.Frame(file: call.site?.file.name, span: call.site?.span, function: caller))
        }
        return Diagnostic(
            stage: isInterrupt ? .interrupted : .runtime, message: message, file: file?.name ?? "<unknown>", span: span,
            sourceLine: file?.line(span.line), traceback: frames)
    }

    /// Any error thrown by built-in code as a runtime error at `location`: script and argument
    /// errors by their message, others by their description.
    static func from(_ error: any Error, at location: SourceLocation) -> RuntimeError {
        if let runtime = error as? RuntimeError { return runtime }
        return RuntimeError(String(describing: error), at: location)
    }
}

/// The calls a runtime error has unwound through.
private final class Trace {
    var calls: [(function: String, site: SourceLocation?)] = []
}
