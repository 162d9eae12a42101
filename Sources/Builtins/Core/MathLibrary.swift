import Foundation
import Language

/// Numbers: rounding, powers, logarithms, trigonometry and the usual constants.
public enum MathLibrary {
    /// Opens the library in `interpreter` (Lua's `luaopen_math`).
    public static func open(_ interpreter: Interpreter) { interpreter.open(library) }

    /// A built-in of one number, named `name`.
    static func unary(_ name: String, _ summary: String, example: String, _ body: @escaping (Double) -> Double) -> NativeFunction {
        NativeFunction(
            spec: BuiltinSpec(
                name: name, parameters: [ParameterSpec("x", types: ["number"], doc: "a number")], summary: summary,
                example: example)
        ) { args in .number(body(try args.number(0))) }
    }

    static func roundNumber(_ args: Arguments) throws -> Value {
        let x = try args.number(0), digits = try args.int(1)
        guard (-15...15).contains(digits) else { throw args.badArgument(1, "digits must be between -15 and 15") }
        let scale = pow(10, Double(digits))
        return .number((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
    }

    static func logarithm(_ args: Arguments) throws -> Value {
        let x = try args.number(0)
        guard let base = try args.optionalNumber(1) else { return .number(Foundation.log(x)) }
        return .number(Foundation.log(x) / Foundation.log(base))
    }

    static func clamp(_ args: Arguments) throws -> Value {
        let x = try args.number(0), low = try args.number(1), high = try args.number(2)
        guard low <= high else { throw ScriptError("clamp: low \(Value.format(low)) is above high \(Value.format(high))") }
        return .number(Swift.min(Swift.max(x, low), high))
    }

    public static var library: Library {
        Library(
            name: "math", summary: "Rounding, powers, logarithms, trigonometry and constants.",
            functions: [
                unary("abs", "The absolute value.", example: "print(abs(-2.5))  # 2.5") { Swift.abs($0) },
                unary("floor", "The largest integer not above x.", example: "print(floor(2.7), floor(-2.5))  # 2 -3") { $0.rounded(.down) },
                unary("ceil", "The smallest integer not below x.", example: "print(ceil(2.1))  # 3") { $0.rounded(.up) },
                unary("sqrt", "The square root (nan for negative x).", example: "print(sqrt(16))  # 4") { $0.squareRoot() },
                unary("exp", "e raised to x.", example: "print(exp(0))  # 1") { Foundation.exp($0) },
                unary("log2", "The base-2 logarithm.", example: "print(log2(8))  # 3") { Foundation.log2($0) },
                unary("log10", "The base-10 logarithm.", example: "print(log10(1000))  # 3") { Foundation.log10($0) },
                unary("sin", "The sine of x (radians).", example: "print(sin(0))  # 0") { Foundation.sin($0) },
                unary("cos", "The cosine of x (radians).", example: "print(cos(0))  # 1") { Foundation.cos($0) },
                unary("tan", "The tangent of x (radians).", example: "print(tan(0))  # 0") { Foundation.tan($0) },
                unary("asin", "The arc sine, in radians.", example: "print(asin(1) == pi / 2)  # true") { Foundation.asin($0) },
                unary("acos", "The arc cosine, in radians.", example: "print(acos(1))  # 0") { Foundation.acos($0) },
                unary("atan", "The arc tangent, in radians.", example: "print(atan(0))  # 0") { Foundation.atan($0) },
                unary("tanh", "The hyperbolic tangent.", example: "print(tanh(0))  # 0") { Foundation.tanh($0) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "atan2",
                        parameters: [ParameterSpec("y", types: ["number"], doc: "the y coordinate"), ParameterSpec("x", types: ["number"], doc: "the x coordinate")],
                        summary: "The angle of the point (x, y), in radians, from -pi to pi.",
                        example: "print(atan2(1, 1) == pi / 4)  # true")
                ) { args in .number(Foundation.atan2(try args.number(0), try args.number(1))) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "round",
                        parameters: [
                            ParameterSpec("x", types: ["number"], doc: "a number"),
                            ParameterSpec("digits", defaultValue: .number(0), types: ["integer"], doc: "digits to keep after the point"),
                        ],
                        summary: "x rounded to the nearest (halves away from zero).",
                        example: "print(round(2.5), round(3.14159, digits: 2))  # 3 3.14"), body: roundNumber),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "log",
                        parameters: [
                            ParameterSpec("x", types: ["number"], doc: "a positive number"),
                            ParameterSpec("base", defaultValue: .nil, types: ["number"], doc: "the base (e when nil)"),
                        ],
                        summary: "The logarithm of x (natural, or in the given base).",
                        example: "print(log(e), log(100, base: 10))  # 1 2"), body: logarithm),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "pow",
                        parameters: [ParameterSpec("x", types: ["number"], doc: "the base"), ParameterSpec("y", types: ["number"], doc: "the exponent")],
                        summary: "x raised to y (the same as x ** y).", example: "print(pow(2, 10))  # 1024")
                ) { args in .number(Foundation.pow(try args.number(0), try args.number(1))) },
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "clamp",
                        parameters: [
                            ParameterSpec("x", types: ["number"], doc: "a number"),
                            ParameterSpec("low", types: ["number"], doc: "the smallest result"),
                            ParameterSpec("high", types: ["number"], doc: "the largest result"),
                        ],
                        summary: "x limited to the range [low, high].", example: "print(clamp(5, 0, 1), clamp(-1, 0, 1))  # 1 0"),
                    body: clamp),
                NativeFunction(
                    spec: BuiltinSpec(
                        name: "isnan", parameters: [ParameterSpec("x", types: ["number"], doc: "a number")],
                        summary: "True when x is not a number (nan).", example: "print(isnan(nan), isnan(1))  # true false")
                ) { args in .bool(try args.number(0).isNaN) },
            ],
            constants: [
                Library.Constant("pi", .number(Double.pi), summary: "The ratio of a circle's circumference to its diameter."),
                Library.Constant("e", .number(M_E), summary: "The base of natural logarithms."),
                Library.Constant("inf", .number(Double.infinity), summary: "Positive infinity."),
                Library.Constant("nan", .number(Double.nan), summary: "Not a number."),
            ])
    }
}
