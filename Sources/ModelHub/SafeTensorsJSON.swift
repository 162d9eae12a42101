/// A JSON value in a safetensors header, with a strict parser that reports byte offsets and a
/// string quoter that escapes exactly as Rust's `serde_json` does (so headers match the reference
/// writer byte for byte).
///
/// Objects keep their members in file order; numbers keep their literal text, so that the
/// header reader can insist on exact non-negative integers.
indirect enum SafeTensorsJSON {
    case object([(key: String, value: SafeTensorsJSON)])
    case array([SafeTensorsJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// A syntax error at a byte offset of the parsed text.
    struct SyntaxError: Error {
        let offset: Int
        let message: String
    }

    /// Parses one JSON value filling `bytes`, allowing whitespace around it.
    /// - Throws: ``SyntaxError`` with the offset into `bytes`; repeated object keys are errors.
    static func parse(_ bytes: [UInt8]) throws -> SafeTensorsJSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw SyntaxError(
                offset: parser.position,
                message: "expected the end of the header, found \(parser.describeNext())")
        }
        return value
    }

    /// `text` as a JSON string literal, escaped as `serde_json` escapes it: `"` and `\`, the
    /// short escapes `\b \f \n \r \t`, other control characters as lowercase `\u00xx`, and
    /// everything else (including `/` and non-ASCII) as it is.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The value as compact JSON, cut to `limit` characters, for error messages.
    func summary(limit: Int = 40) -> String {
        let text: String
        switch self {
        case .object(let members):
            let items = members.map { Self.quoted($0.key) + ":" + $0.value.summary(limit: limit) }
            text = "{" + items.joined(separator: ",") + "}"
        case .array(let items):
            text = "[" + items.map { $0.summary(limit: limit) }.joined(separator: ", ") + "]"
        case .string(let string): text = Self.quoted(string)
        case .number(let literal): text = literal
        case .bool(let value): text = value ? "true" : "false"
        case .null: text = "null"
        }
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// A recursive-descent parser over UTF-8 bytes (already checked to be valid UTF-8).
    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        /// Headers nest three levels; deeper input is refused rather than recursed into.
        static let maxDepth = 32

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parseValue(depth: Int) throws -> SafeTensorsJSON {
            guard depth < Self.maxDepth else { throw error("JSON nests deeper than \(Self.maxDepth) levels") }
            skipWhitespace()
            guard let byte = peek() else { throw error("expected a JSON value, found the end of the header") }
            switch byte {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectWord("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expectWord("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expectWord("null")
                return .null
            default: throw error("expected a JSON value, found \(describeNext())")
            }
        }

        private mutating func parseObject(depth: Int) throws -> SafeTensorsJSON {
            position += 1
            var members: [(key: String, value: SafeTensorsJSON)] = []
            var keys: Set<String> = []
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else {
                    throw error("expected a string key, found \(describeNext())")
                }
                let keyStart = position
                let key = try parseString()
                guard keys.insert(key).inserted else {
                    throw SyntaxError(
                        offset: keyStart, message: "the key \(SafeTensorsJSON.quoted(key)) appears twice")
                }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else {
                    throw error("expected ':' after a key, found \(describeNext())")
                }
                position += 1
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"):
                    position += 1
                    return .object(members)
                default: throw error("expected ',' or '}' in an object, found \(describeNext())")
                }
            }
        }

        private mutating func parseArray(depth: Int) throws -> SafeTensorsJSON {
            position += 1
            var items: [SafeTensorsJSON] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "]"):
                    position += 1
                    return .array(items)
                default: throw error("expected ',' or ']' in an array, found \(describeNext())")
                }
            }
        }

        private mutating func parseString() throws -> String {
            let start = position
            position += 1
            var content: [UInt8] = []
            while true {
                guard let byte = peek() else {
                    throw SyntaxError(
                        offset: start, message: "string is not closed before the end of the header")
                }
                position += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: content, as: UTF8.self)
                case UInt8(ascii: "\\"): content += try parseEscape()
                case 0..<0x20:
                    throw SyntaxError(
                        offset: position - 1, message: "control character in a string (must be escaped)")
                default: content.append(byte)
                }
            }
        }

        /// The UTF-8 bytes of the escape after a backslash.
        private mutating func parseEscape() throws -> [UInt8] {
            guard let byte = peek() else {
                throw error("expected an escape after '\\', found the end of the header")
            }
            position += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return [byte]
            case UInt8(ascii: "b"): return [0x08]
            case UInt8(ascii: "f"): return [0x0C]
            case UInt8(ascii: "n"): return [0x0A]
            case UInt8(ascii: "r"): return [0x0D]
            case UInt8(ascii: "t"): return [0x09]
            case UInt8(ascii: "u"):
                let start = position - 2
                var value = try parseHex4()
                if (0xD800..<0xDC00).contains(value) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count,
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw SyntaxError(offset: start, message: "unpaired surrogate in \\u escape") }
                    position += 2
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw SyntaxError(offset: start, message: "unpaired surrogate in \\u escape")
                    }
                    value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(value) else {
                    throw SyntaxError(offset: start, message: "unpaired surrogate in \\u escape")
                }
                return Array(String(Character(scalar)).utf8)
            default:
                throw SyntaxError(
                    offset: position - 2, message: "invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
            }
        }

        private mutating func parseHex4() throws -> UInt32 {
            guard position + 4 <= bytes.count,
                let value = UInt32(
                    String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                bytes[position..<position + 4].allSatisfy({
                    $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-")
                })
            else { throw error("expected four hex digits after \\u") }
            position += 4
            return value
        }

        /// A number in JSON's grammar, kept as its literal text.
        private mutating func parseNumber() throws -> String {
            let start = position
            if peek() == UInt8(ascii: "-") { position += 1 }
            if peek() == UInt8(ascii: "0") {
                position += 1
            } else {
                guard skipDigits() > 0 else {
                    throw SyntaxError(offset: start, message: "expected digits in a number")
                }
            }
            if peek() == UInt8(ascii: ".") {
                position += 1
                guard skipDigits() > 0 else { throw error("expected digits after '.' in a number") }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                position += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
                guard skipDigits() > 0 else { throw error("expected digits in a number's exponent") }
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        private mutating func skipDigits() -> Int {
            let start = position
            while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
            return position - start
        }

        private mutating func expectWord(_ word: String) throws {
            let utf8 = Array(word.utf8)
            guard position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8
            else {
                throw error("expected a JSON value, found \(describeNext())")
            }
            position += utf8.count
        }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipWhitespace() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                position += 1
            }
        }

        /// Up to 12 characters from the current position, quoted, or "the end of the header".
        func describeNext() -> String {
            guard position < bytes.count else { return "the end of the header" }
            return "'" + String(String(decoding: bytes[position...], as: UTF8.self).prefix(12)) + "'"
        }

        private func error(_ message: String) -> SyntaxError {
            SyntaxError(offset: position, message: message)
        }
    }
}
