import Foundation
import Testing
import Language

/// A small seeded generator (SplitMix64), so every fuzz run can be repeated.
struct FuzzRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }
}

/// Random and mutated programs for the lexer, parser and resolver.
struct ProgramFuzzer {
    var random: FuzzRandom

    static let pieces = [
        "let", "var", "fn", "if", "else", "for", "in", "while", "break", "continue", "return", "true", "false", "nil",
        "x", "y", "f", "print", "scale", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "+", "-", "*", "/", "%", "**",
        "@", "!", "=", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "..<", "...", "+=", "**=", "\n", " ", "# c\n",
        "# %% cell\n", "\"s\"", "\"a\\(x)b\"", "\"\\(", "1", "2.5", "1e3", "1e", "0x1", "\\", "&", "|", "é", "\"", "..",
        "1_000", "\t", "\\u{41}", "\\q", "\r\n",
    ]

    /// The programs mutations start from: the golden programs and a few idioms.
    static let seeds: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let golden = names.filter { $0.hasSuffix(".recast") }.compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
        return golden + [
            "fn f(a, b = 1) { if a < b { return a } else { f(a - 1, b: b) } }\nprint(f(3))",
            "var xs = [1, 2]\nxs[0] += 1\nfor i, v in [[0, 1]] { xs.append(\"\\(i) \\(v)\") }",
            "let d = [\"a\": [1, 2], \"b\": [:]]\nlet t = d[\"a\"][0:1:-1]\nwhile false { break }",
        ]
    }()

    /// The next input: token soup, a generated program, or a mutated seed.
    mutating func next() -> String {
        switch random.below(3) {
        case 0: return soup(length: 1 + random.below(60))
        case 1: return program()
        default: return mutate(random.pick(ProgramFuzzer.seeds))
        }
    }

    mutating func soup(length: Int) -> String {
        (0..<length).map { _ in random.pick(ProgramFuzzer.pieces) }.joined(separator: random.below(2) == 0 ? " " : "")
    }

    mutating func mutate(_ seed: String) -> String {
        var text = Array(seed.unicodeScalars)
        for _ in 0..<(1 + random.below(4)) {
            let position = random.below(text.count + 1)
            switch random.below(5) {
            case 0 where !text.isEmpty:
                text.removeSubrange(position..<min(text.count, position + 1 + random.below(8)))
            case 1:
                text.insert(contentsOf: random.pick(ProgramFuzzer.pieces).unicodeScalars, at: position)
            case 2 where !text.isEmpty:
                let start = random.below(text.count), end = min(text.count, start + random.below(30))
                text.insert(contentsOf: text[start..<end], at: position)
            case 3:
                text = Array(text.prefix(position))
            default:
                if position < text.count, let scalar = Unicode.Scalar(UInt32(32 + random.below(95))) { text[position] = scalar }
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: text)
        return result
    }

    mutating func program() -> String {
        (0..<(1 + random.below(6))).map { _ in statement(depth: 0) }.joined(separator: "\n")
    }

    mutating func statement(depth: Int) -> String {
        switch random.below(depth > 3 ? 2 : 8) {
        case 0: return "let \(name()) = \(expression(depth: depth + 1))"
        case 1: return "\(name()) \(random.pick(["=", "+=", "-=", "*="])) \(expression(depth: depth + 1))"
        case 2: return "var \(name()) = \(expression(depth: depth + 1))"
        case 3: return "fn \(name())(a, b = \(expression(depth: depth + 1))) { \(block(depth: depth + 1)) }"
        case 4: return "for \(name()) in \(expression(depth: depth + 1)) { \(block(depth: depth + 1)) }"
        case 5: return "while \(expression(depth: depth + 1)) { \(block(depth: depth + 1)) }"
        case 6: return random.pick(["break", "continue", "return", "return \(expression(depth: depth + 1))"])
        default: return expression(depth: depth + 1)
        }
    }

    mutating func block(depth: Int) -> String {
        (0..<random.below(3)).map { _ in statement(depth: depth) }.joined(separator: random.pick(["\n", "; "]))
    }

    mutating func name() -> String { random.pick(["x", "y", "f", "print", "scale", "a", "b", "undefined"]) }

    mutating func expression(depth: Int) -> String {
        if depth > 5 { return random.pick(["1", "x", "\"s\"", "nil", "true"]) }
        switch random.below(10) {
        case 0: return "\(expression(depth: depth + 1)) \(random.pick(["+", "-", "*", "/", "%", "**", "@", "==", "<", "&&", "||", "..<", "..."])) \(expression(depth: depth + 1))"
        case 1: return "\(random.pick(["-", "!", "+"]))\(expression(depth: depth + 1))"
        case 2: return "\(name())(\(expression(depth: depth + 1)), k: \(expression(depth: depth + 1)))"
        case 3: return "[\(expression(depth: depth + 1)), \(expression(depth: depth + 1))]"
        case 4: return "[\(expression(depth: depth + 1)): \(expression(depth: depth + 1))]"
        case 5: return "\(name())[\(expression(depth: depth + 1)), 1:2:\(expression(depth: depth + 1)), :]"
        case 6: return "fn(a) { \(block(depth: depth + 1)) }"
        case 7: return "if \(expression(depth: depth + 1)) { \(block(depth: depth + 1)) } else { \(expression(depth: depth + 1)) }"
        case 8: return "\"t \\(\(expression(depth: depth + 1))) u\""
        default: return "\(name()).\(name())"
        }
    }
}

/// Runs `body` on a thread with a large stack (deeply nested inputs recurse deeply in debug builds).
func onLargeStack(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
}

final class FuzzReport: @unchecked Sendable {
    var inputs = 0
    var rejected = 0
    var slowest = 0.0
    var slowestInput = ""
}

@Suite struct FuzzTests {
    /// How many inputs to try: RECAST_FUZZ_COUNT (scripts/fuzz sets it), 5,000 by default.
    static var count: Int { Int(ProcessInfo.processInfo.environment["RECAST_FUZZ_COUNT"] ?? "") ?? 5_000 }

    @Test func testFuzz_randomAndMutatedPrograms() {
        let report = FuzzReport()
        let count = FuzzTests.count
        let seed = UInt64(ProcessInfo.processInfo.environment["RECAST_FUZZ_SEED"] ?? "") ?? 20_261_123
        onLargeStack {
            let interpreter = Interpreter(output: { _ in })
            interpreter.open(Library(name: "fuzz", summary: "Names the fuzzer uses.", functions: [
                NativeFunction(spec: BuiltinSpec(name: "print", parameters: [.variadic("values")], summary: "Prints.")) { _ in .nil },
            ]))
            var fuzzer = ProgramFuzzer(random: FuzzRandom(state: seed))
            for _ in 0..<count {
                let input = fuzzer.next()
                let start = Date()
                if interpreter.check(source: input, name: "fuzz.recast") != nil { report.rejected += 1 }
                let elapsed = Date().timeIntervalSince(start)
                if elapsed > report.slowest {
                    report.slowest = elapsed
                    report.slowestInput = input
                }
                report.inputs += 1
            }
        }
        print("fuzz: \(report.inputs) inputs, \(report.rejected) rejected with diagnostics, slowest \(report.slowest) s")
        #expect(report.inputs == count)
        #expect(report.slowest < 5.0, "slowest input (a hang?): \(report.slowestInput)")
    }

    @Test func testFuzz_deepNestingIsAnErrorNotACrash() {
        let interpreter = Interpreter(output: { _ in })
        let nasty = [
            String(repeating: "(", count: 20_000), String(repeating: "-", count: 20_000) + "1",
            "let x = " + String(repeating: "1 + ", count: 20_000) + "1", String(repeating: "[", count: 20_000),
            String(repeating: "{", count: 20_000), String(repeating: "\"\\(", count: 20_000),
            String(repeating: "if x { ", count: 20_000), "x" + String(repeating: ".y", count: 20_000),
            "f" + String(repeating: "()", count: 20_000),
        ]
        for input in nasty {
            let diagnostics = interpreter.check(source: input)
            #expect(diagnostics != nil, "\(input.prefix(20))...")
        }
    }
}
