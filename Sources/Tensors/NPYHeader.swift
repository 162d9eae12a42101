import Foundation

/// The preamble of an NPY file: magic, version, header length, and the Python-dict header with
/// `descr`, `fortran_order` and `shape`.
///
/// Layout (numpy's `format` module): `\x93NUMPY`, major and minor version bytes, the header length
/// (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), then the header text — a Python
/// dict literal padded with spaces and a newline so that the data starts on a 64-byte boundary.
struct NPYHeader {
    var dtype: NPYDType
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]
    /// Where the element data starts in the file.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    /// The longest header accepted; numpy's own readers refuse anything above 10 000 by default.
    static let maxHeaderLength = 1 << 20
    /// Spare room numpy leaves after the dict so the first axis can grow in place.
    static let growthAxisMaxDigits = 21
    static let alignment = 64

    /// Parses the preamble of `bytes`.
    /// - Throws: ``NPYError`` naming the byte offset and what was expected.
    static func parse(_ bytes: [UInt8], source: String) throws -> NPYHeader {
        guard bytes.count >= magic.count else {
            throw NPYError(source, "file is \(bytes.count) bytes, too short to be an NPY file")
        }
        guard Array(bytes[0..<magic.count]) == magic else {
            let found = bytes[0..<magic.count].map { String(format: "%02x", $0) }.joined(separator: " ")
            throw NPYError(
                source, at: 0, "expected the NPY magic 93 4e 55 4d 50 59 (\"\\x93NUMPY\"), found \(found)")
        }
        guard bytes.count >= 8 else {
            throw NPYError(source, at: 6, "file ends before the version bytes")
        }
        let (major, minor) = (bytes[6], bytes[7])
        let lengthSize: Int
        switch (major, minor) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default:
            throw NPYError(
                source, at: 6, "unsupported NPY version \(major).\(minor) (expected 1.0, 2.0 or 3.0)")
        }
        let textStart = 8 + lengthSize
        guard bytes.count >= textStart else {
            throw NPYError(source, at: 8, "file ends inside the \(lengthSize)-byte header length")
        }
        let length = bytes[8..<textStart].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length <= maxHeaderLength else {
            throw NPYError(
                source, at: 8, "header length \(length) exceeds the limit of \(maxHeaderLength) bytes")
        }
        guard textStart + length <= bytes.count else {
            throw NPYError(
                source, at: textStart,
                "header of \(length) bytes runs past the end of the file (file is \(bytes.count) bytes)")
        }
        var parser = PythonLiteralParser(
            bytes: bytes, start: textStart, end: textStart + length, source: source)
        let dict = try parser.parseHeaderDict()
        return try NPYHeader(dict: dict, dataOffset: textStart + length, source: source, at: textStart)
    }

    /// Validates the header dict's keys and values.
    private init(dict: [(String, PythonLiteral)], dataOffset: Int, source: String, at offset: Int) throws {
        func fail(_ message: String) -> NPYError { NPYError(source, at: offset, message) }
        let keys = dict.map(\.0).sorted()
        guard keys == ["descr", "fortran_order", "shape"] else {
            let found = keys.isEmpty ? "none" : keys.map { "'\($0)'" }.joined(separator: ", ")
            throw fail("header must have exactly the keys 'descr', 'fortran_order', 'shape', found \(found)")
        }
        let values = Dictionary(dict, uniquingKeysWith: { first, _ in first })
        let (descrValue, orderValue, shapeValue) = (values["descr"], values["fortran_order"], values["shape"])
        guard case .string(let descr)? = descrValue else {
            throw fail(
                "header 'descr' must be a type string such as '<f4', found \(descrValue?.repr ?? "nothing")"
                    + " (structured dtypes are not supported)")
        }
        guard let (dtype, bigEndian) = NPYDType.parse(descr) else {
            throw fail("unsupported dtype '\(descr)': Recast reads \(NPYDType.accepted)")
        }
        guard case .bool(let fortranOrder)? = orderValue else {
            throw fail("header 'fortran_order' must be True or False, found \(orderValue?.repr ?? "nothing")")
        }
        let shapeText = shapeValue?.repr ?? "nothing"
        guard case .tuple(let items)? = shapeValue else {
            throw fail("header 'shape' must be a tuple of non-negative integers, found \(shapeText)")
        }
        var shape: [Int] = []
        var bytes = dtype.itemSize
        for item in items {
            guard case .int(let size) = item, size >= 0 else {
                throw fail("header 'shape' must be a tuple of non-negative integers, found \(shapeText)")
            }
            let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail("header 'shape' \(shapeText) has too many elements") }
            bytes = product
            shape.append(size)
        }
        self.init(
            dtype: dtype, bigEndian: bigEndian, fortranOrder: fortranOrder, shape: shape, dataOffset: dataOffset)
    }

    init(dtype: NPYDType, bigEndian: Bool, fortranOrder: Bool, shape: [Int], dataOffset: Int) {
        self.dtype = dtype
        self.bigEndian = bigEndian
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataOffset = dataOffset
    }

    /// The preamble numpy's `np.save` writes for a C-ordered little-endian array: byte for byte
    /// the same, including the spare spaces for growth and the 64-byte alignment.
    static func encoded(dtype: NPYDType, shape: [Int]) -> [UInt8] {
        let shapeText =
            shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(dtype.descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            text += String(repeating: " ", count: max(0, growthAxisMaxDigits - String(first).count))
        }
        let textLength = text.utf8.count + 1  // the closing newline
        var lengthSize = 2
        var padding = alignment - (magic.count + 2 + lengthSize + textLength) % alignment
        if textLength + padding > Int(UInt16.max) {
            lengthSize = 4
            padding = alignment - (magic.count + 2 + lengthSize + textLength) % alignment
        }
        let length = textLength + padding
        var bytes = magic + [lengthSize == 2 ? 1 : 2, 0]
        bytes += (0..<lengthSize).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        bytes += Array(text.utf8) + [UInt8](repeating: 0x20, count: padding) + [0x0A]
        return bytes
    }
}

/// A value of the Python literal subset NPY headers use.
enum PythonLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(String, PythonLiteral)])

    /// The value as Python's `repr` would print it, for error messages.
    var repr: String {
        switch self {
        case .string(let text): "'\(text)'"
        case .int(let value): String(value)
        case .bool(let value): value ? "True" : "False"
        case .none: "None"
        case .tuple(let items) where items.count == 1: "(\(items[0].repr),)"
        case .tuple(let items): "(" + items.map(\.repr).joined(separator: ", ") + ")"
        case .list(let items): "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case .dict(let items): "{" + items.map { "'\($0.0)': \($0.1.repr)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Reads the Python literal in an NPY header (what numpy evaluates with `ast.literal_eval`):
/// strings, integers (with Python 2's `L` suffix), `True`/`False`/`None`, tuples, lists and dicts.
struct PythonLiteralParser {
    let bytes: [UInt8]
    var position: Int
    let end: Int
    let source: String
    /// Nesting deeper than any real header needs is refused instead of recursing without bound.
    static let maxDepth = 16

    init(bytes: [UInt8], start: Int, end: Int, source: String) {
        self.bytes = bytes
        self.position = start
        self.end = end
        self.source = source
    }

    /// Parses the whole header: one dict with string keys, then only whitespace.
    mutating func parseHeaderDict() throws -> [(String, PythonLiteral)] {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            throw error("expected the header to be a Python dict '{...}', found \(describeNext())")
        }
        let items = try parseDict(depth: 0)
        skipWhitespace()
        guard position == end else {
            throw error("expected the end of the header after the dict, found \(describeNext())")
        }
        return items
    }

    private mutating func parseValue(depth: Int) throws -> PythonLiteral {
        guard depth < Self.maxDepth else { throw error("header nests deeper than \(Self.maxDepth) levels") }
        skipWhitespace()
        guard let byte = peek() else { throw error("expected a value, found the end of the header") }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "("):
            return .tuple(try parseSequence(closing: UInt8(ascii: ")"), depth: depth))
        case UInt8(ascii: "["):
            return .list(try parseSequence(closing: UInt8(ascii: "]"), depth: depth))
        case UInt8(ascii: "{"): return .dict(try parseDict(depth: depth))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try parseInt())
        default:
            let start = position
            while let next = peek(), isIdentifierByte(next) { position += 1 }
            switch String(decoding: bytes[start..<position], as: UTF8.self) {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default:
                position = start
                throw error(
                    "expected a string, number, True, False, tuple, list or dict, found \(describeNext())")
            }
        }
    }

    /// Items up to `closing`, allowing a trailing comma; the opening bracket is at `position`.
    private mutating func parseSequence(closing: UInt8, depth: Int) throws -> [PythonLiteral] {
        position += 1
        var items: [PythonLiteral] = []
        while true {
            skipWhitespace()
            if peek() == closing {
                position += 1
                return items
            }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
            } else if peek() != closing {
                throw error(
                    "expected ',' or '\(Character(Unicode.Scalar(closing)))', found \(describeNext())")
            }
        }
    }

    private mutating func parseDict(depth: Int) throws -> [(String, PythonLiteral)] {
        position += 1
        var items: [(String, PythonLiteral)] = []
        while true {
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
                return items
            }
            guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
                throw error("expected a string key or '}', found \(describeNext())")
            }
            let keyStart = position
            let key = try parseString()
            guard !items.contains(where: { $0.0 == key }) else {
                throw NPYError(source, at: keyStart, "header repeats the key '\(key)'")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw error("expected ':' after the key, found \(describeNext())")
            }
            position += 1
            items.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
            } else if peek() != UInt8(ascii: "}") {
                throw error("expected ',' or '}', found \(describeNext())")
            }
        }
    }

    /// A quoted string; backslash escapes keep the escaped byte (headers hold plain type codes).
    private mutating func parseString() throws -> String {
        let start = position
        let quote = bytes[position]
        position += 1
        var content: [UInt8] = []
        while let byte = peek(), byte != quote {
            if byte == UInt8(ascii: "\\"), position + 1 < end {
                position += 1
            }
            content.append(bytes[position])
            position += 1
        }
        guard peek() == quote else {
            throw NPYError(source, at: start, "string is not closed before the end of the header")
        }
        position += 1
        return String(decoding: content, as: UTF8.self)
    }

    private mutating func parseInt() throws -> Int {
        let start = position
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        var value = 0
        var digits = 0
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw NPYError(source, at: start, "integer is too large") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw NPYError(source, at: start, "expected digits after '-'") }
        // Python 2 wrote long integers with an L suffix: `(3L, 4L)`.
        if peek() == UInt8(ascii: "L") || peek() == UInt8(ascii: "l") { position += 1 }
        if let byte = peek(), isIdentifierByte(byte) || byte == UInt8(ascii: ".") {
            throw NPYError(source, at: start, "expected an integer, found \(describe(from: start))")
        }
        return negative ? -value : value
    }

    private func peek() -> UInt8? { position < end ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private func describeNext() -> String { describe(from: position) }

    /// Up to 12 bytes of the header from `start`, quoted, or "the end of the header".
    private func describe(from start: Int) -> String {
        guard start < end else { return "the end of the header" }
        let text = String(decoding: bytes[start..<min(end, start + 12)], as: UTF8.self)
        return "'" + text.replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    private func error(_ message: String) -> NPYError { NPYError(source, at: position, message) }
}
