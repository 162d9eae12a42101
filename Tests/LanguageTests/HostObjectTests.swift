import Testing
import Language

/// A vector host object, standing in for tensors: members, operators, indexing, iteration.
final class Vector: HostObject {
    var values: [Double]
    init(_ values: [Double]) { self.values = values }

    var typeName: String { "vector" }
    var description: String { "vector(" + values.map { Value.format($0) }.joined(separator: ", ") + ")" }
    var memberNames: [String] { ["count", "scaled", "first"] }
    var count: Int? { values.count }

    func member(named name: String) throws -> Value? {
        switch name {
        case "count": return .int(values.count)
        case "first":
            guard let first = values.first else { throw ScriptError("first: the vector is empty") }
            return .number(first)
        case "scaled":
            return .native(
                NativeFunction(
                    spec: BuiltinSpec(name: "scaled", parameters: [ParameterSpec("by", types: ["number"])], summary: "Scales.")
                ) { args in
                    let factor = try args.number(0)
                    return .host(Vector(self.values.map { $0 * factor }))
                })
        default: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? {
        let rhs: [Double]
        switch other {
        case .number(let x): rhs = Array(repeating: x, count: values.count)
        case .host(let object as Vector):
            guard object.values.count == values.count else {
                throw ScriptError("\(op.rawValue): lengths \(values.count) and \(object.values.count) differ")
            }
            rhs = object.values
        default: return nil
        }
        let (a, b) = isLeft ? (values, rhs) : (rhs, values)
        switch op {
        case .add: return .host(Vector(zip(a, b).map(+)))
        case .multiply: return .host(Vector(zip(a, b).map(*)))
        case .matmul: return .number(zip(a, b).map(*).reduce(0, +))
        default: return nil
        }
    }

    func unary(_ op: UnaryOperator) throws -> Value? {
        op == .negate ? .host(Vector(values.map { -$0 })) : nil
    }

    subscript(indices: [IndexArgument]) -> Value {
        get throws {
            guard indices.count == 1 else { throw ScriptError("vector index: expected 1 index, got \(indices.count)") }
            switch indices[0] {
            case .value(let value):
                guard let index = value.integer else { throw ScriptError("vector index: expected an integer") }
                return .number(values[try IndexArgument.position(index, count: values.count, in: "vector index")])
            case .slice(let start, let end, let step):
                return .host(Vector(try IndexArgument.positions(start: start, end: end, step: step, count: values.count).map { values[$0] }))
            }
        }
    }

    func setSubscript(indices: [IndexArgument], to value: Value) throws {
        guard let index = indices.first?.integer, let number = value.number else { throw ScriptError("vector: bad assignment") }
        values[try IndexArgument.position(index, count: values.count, in: "vector index")] = number
    }

    func makeIterator() throws -> (() throws -> Value?)? {
        var position = 0
        return {
            guard position < self.values.count else { return nil }
            defer { position += 1 }
            return .number(self.values[position])
        }
    }
}

@Suite struct HostObjectTests {
    private func session() -> TestInterpreter {
        let t = TestInterpreter()
        t.interpreter.define("v", .host(Vector([1, 2, 3])))
        t.interpreter.define("w", .host(Vector([10, 20, 30])))
        return t
    }

    @Test func testHost_operatorsMembersAndIndexing() {
        let t = session()
        _ = t.run("""
        print(v + w, 2 * v, v @ w, -v, v.count, v.first, v.scaled(10))
        print(v[0], v[-1], v[1:], v[::-1], v[0..<2])
        var s = 0
        for x in v { s += x }
        v[0] = 5
        print(s, v)
        """)
        #expect(t.output == """
        vector(11, 22, 33) vector(2, 4, 6) 140 vector(-1, -2, -3) 3 1 vector(10, 20, 30)
        1 3 vector(2, 3) vector(3, 2, 1) vector(1, 2)
        6 vector(5, 2, 3)

        """)
    }

    @Test func testHost_errorsNameTheObjectAndPlace() {
        let cases: [(String, String)] = [
            ("v.nope", "test.recast:1:3: error: vector has no member 'nope'"),
            ("v.cuont", "test.recast:1:3: error: vector has no member 'cuont' (did you mean 'count'?)"),
            ("v - w", "test.recast:1:1: error: cannot apply '-' to vector and vector"),
            ("v[7]", "test.recast:1:1: error: vector index: index 7 is out of range (count 3)"),
            ("v + \"a\"", "test.recast:1:1: error: cannot apply '+' to vector and string"),
            ("v.x = 1", "test.recast:1:1: error: cannot set 'x' on a vector"),
            ("v()", "test.recast:1:1: error: cannot call a vector"),
        ]
        for (source, headline) in cases {
            let t = session()
            guard case .failure(let diagnostics) = t.run(source) else {
                Issue.record("\(source) ran")
                continue
            }
            #expect(diagnostics.items.first?.headline == headline)
        }
    }

    @Test func testHost_helpAndCompletion() {
        let t = session()
        #expect(t.interpreter.memberNames(of: .host(Vector([]))) == ["count", "scaled", "first"])
        #expect(t.interpreter.help(for: .host(Vector([1]))).contains("members: count, scaled, first"))
        #expect(t.interpreter.memberNames(of: .list([])) == ["append"])
    }
}
