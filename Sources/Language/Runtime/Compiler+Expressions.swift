extension Compiler {
    func compileExpression(_ expression: Expression) -> Eval {
        let location = at(expression.span)
        switch expression.kind {
        case .number(let number):
            let value = Value.number(number)
            return { _ in value }
        case .string(let text):
            let value = Value.string(text)
            return { _ in value }
        case .bool(let flag):
            let value = Value.bool(flag)
            return { _ in value }
        case .nil:
            return { _ in .nil }
        case .interpolation(let parts):
            return compileInterpolation(parts)
        case .variable:
            return read(expression.id, span: expression.span)
        case .list(let elements):
            let codes = ContiguousArray(elements.map { Code(eval: compileExpression($0)) })
            return { frame in .list(ListObject(try Compiler.evaluate(codes, frame))) }
        case .dictionary(let entries):
            let codes = entries.map { (compileExpression($0.key), compileExpression($0.value), at($0.key.span)) }
            return { frame in
                let dictionary = DictionaryObject()
                for (key, value, keyLocation) in codes {
                    let keyValue = try key(frame)
                    do {
                        dictionary[try DictionaryKey(keyValue)] = try value(frame)
                    } catch let error as ScriptError {
                        throw RuntimeError(error.message, at: keyLocation)
                    }
                }
                return .dictionary(dictionary)
            }
        case .unary(let op, let operand):
            return compileUnary(op, operand, location: location)
        case .binary(let op, let left, let right):
            return compileBinary(op, left, right, span: expression.span)
        case .logical:
            let test = compileCondition(expression)
            return { frame in .bool(try test(frame)) }
        case .range(let lower, let upper, let inclusive):
            let lowerCode = compileExpression(lower), upperCode = compileExpression(upper)
            let lowerLocation = at(lower.span), upperLocation = at(upper.span)
            return { frame in
                let low = try Compiler.rangeBound(try lowerCode(frame), at: lowerLocation)
                let high = try Compiler.rangeBound(try upperCode(frame), at: upperLocation)
                return .range(RangeValue(lower: low, upper: inclusive ? high + 1 : high))
            }
        case .call(let callee, let arguments):
            return compileCall(callee, arguments, span: expression.span)
        case .member(let object, let name, let nameSpan):
            let objectCode = compileExpression(object)
            let interpreter = self.interpreter, memberLocation = at(nameSpan)
            return { [unowned interpreter] frame in
                let receiver = try objectCode(frame)
                do {
                    return try interpreter.member(name, of: receiver)
                } catch {
                    throw RuntimeError.from(error, at: memberLocation)
                }
            }
        case .index(let object, let indices):
            let objectCode = compileExpression(object), indexCode = compileIndices(indices)
            return { frame in
                let container = try objectCode(frame)
                let positions = try indexCode(frame)
                do {
                    return try Indexing.get(container, positions)
                } catch {
                    throw RuntimeError.from(error, at: location)
                }
            }
        case .function(let function):
            return compileFunction(function)
        case .ifElse(let condition, let then, let otherwise):
            let test = compileCondition(condition)
            let thenValue = compileValueBlock(then)
            let elseValue: Eval
            if let otherwise { elseValue = compileValueBlock(otherwise) } else { elseValue = { _ in .nil } }
            return { frame in try test(frame) ? try thenValue(frame) : try elseValue(frame) }
        case .block(let block):
            return compileValueBlock(block)
        }
    }

    /// A block whose value is used: the value of its last expression (nil otherwise). A jump out
    /// of it is thrown, for the enclosing loop or call to catch.
    func compileValueBlock(_ block: Block) -> Eval {
        guard let last = block.statements.last, case .expression(let expression) = last.kind else {
            let run = compileStatements(block.statements, tail: false)
            return { frame in
                let flow = try run(frame)
                guard case .next = flow else { throw ControlSignal(flow: flow) }
                return .nil
            }
        }
        let prefix = compileStatements(Array(block.statements.dropLast()), tail: false)
        let value = compileExpression(expression)
        let location = at(last.span), machine = self.machine
        return { frame in
            let flow = try prefix(frame)
            guard case .next = flow else { throw ControlSignal(flow: flow) }
            try machine.checkInterrupt(location)
            return try value(frame)
        }
    }

    private func compileInterpolation(_ parts: [InterpolationPart]) -> Eval {
        let codes = parts.map { part -> Code in
            switch part {
            case .text(let text):
                let value = Value.string(text)
                return Code { _ in value }
            case .expression(let expression):
                return Code(eval: compileExpression(expression))
            }
        }
        return { frame in
            var text = ""
            for code in codes {
                let value = try code.eval(frame)
                if case .string(let piece) = value { text += piece } else { text += value.description }
            }
            return .string(text)
        }
    }

    /// Compiled code for one position of an index (wrapped, as `Code` is, for a plain calling convention).
    private struct IndexCode {
        let eval: (Frame) throws -> IndexArgument
    }

    /// The index positions of `x[...]`, slices checked to have integer bounds and range values
    /// turned into slices.
    func compileIndices(_ indices: [IndexExpression]) -> (Frame) throws -> [IndexArgument] {
        let codes = indices.map { index -> IndexCode in
            switch index {
            case .value(let expression):
                let code = compileExpression(expression)
                return IndexCode { frame in
                    let value = try code(frame)
                    if case .range(let range) = value {
                        return .slice(start: range.lower, end: range.upper, step: range.step)
                    }
                    return .value(value)
                }
            case .slice(let start, let end, let step, let span):
                let location = at(span)
                let parts = [start, end, step].map { part in part.map { Code(eval: compileExpression($0)) } }
                return IndexCode { frame in
                    var bounds: [Int?] = []
                    for part in parts {
                        guard let part else {
                            bounds.append(nil)
                            continue
                        }
                        let value = try part.eval(frame)
                        if value.isNil {
                            bounds.append(nil)
                        } else if let integer = value.integer {
                            bounds.append(integer)
                        } else {
                            throw RuntimeError("slice bounds must be integers, got \(value.typeName)", at: location)
                        }
                    }
                    return .slice(start: bounds[0], end: bounds[1], step: bounds[2])
                }
            }
        }
        if codes.count == 1, let only = codes.first { return { frame in [try only.eval(frame)] } }
        return { frame in try codes.map { try $0.eval(frame) } }
    }

    /// A function literal: compiles its body once, and returns code that makes a closure
    /// capturing the current frame's boxes it needs.
    func compileFunction(_ function: FunctionLiteral) -> Eval {
        guard let functionLayout = resolution.functions[function.id] else { return { _ in .nil } }
        let enclosingLayout = layout, enclosingName = functionName
        layout = functionLayout
        functionName = function.name ?? "anonymous"
        let defaults = function.parameters.map { $0.defaultValue.map { Code(eval: compileExpression($0)) } }
        let body = compileStatements(function.body.statements, tail: true)
        layout = enclosingLayout
        functionName = enclosingName
        let boxedParameters = functionLayout.locals.prefix(function.parameters.count).compactMap { local in
            local.isCaptured ? local.box.map { (slot: local.slot, box: $0) } : nil
        }
        let prototype = FunctionPrototype(
            name: function.name ?? "anonymous", parameterNames: function.parameters.map(\.name), defaults: defaults,
            frameSize: functionLayout.frameSize, boxCount: functionLayout.boxCount,
            upvalueCount: functionLayout.upvalues.count, boxedParameters: boxedParameters, body: body,
            location: at(function.signatureSpan))
        let sources = ContiguousArray(
            functionLayout.upvalues.map { source -> Int in
                switch source {
                case .local(let local): return local.box ?? 0
                case .upvalue(let index): return index
                }
            })
        if sources.isEmpty {
            return { _ in .function(Closure(prototype: prototype, captures: [])) }
        }
        return { frame in
            var captures = ContiguousArray<Box>()
            captures.reserveCapacity(sources.count)
            for source in sources { captures.append(frame.boxes[source]) }
            return .function(Closure(prototype: prototype, captures: captures))
        }
    }
}
