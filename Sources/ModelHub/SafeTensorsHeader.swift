/// The header of a safetensors file — one entry per tensor, plus free-form string metadata —
/// parsed and checked against the data buffer, or laid out for writing.
///
/// File layout: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// `{"__metadata__": {...}, "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, ...}`,
/// then the data buffer; offsets are relative to the buffer's start.
struct SafeTensorsHeader {
    /// Where one tensor lives in the data buffer.
    struct Entry {
        var name: String
        var dtype: SafeTensorsDType
        var shape: [Int]
        /// Offsets into the data buffer: bytes `begin..<end`.
        var begin: Int
        var end: Int
    }

    /// The entries in buffer order.
    var entries: [Entry]
    var metadata: [String: String]
    /// Where the data buffer starts in the file.
    var dataStart: Int

    /// The reference implementation's limit on the header length.
    static let maxHeaderLength = 100_000_000
    static let metadataKey = "__metadata__"

    /// Parses and validates the header of the file `bytes`, as the reference reader does: the
    /// header fits in the file, is a JSON object, every entry has a known dtype, a shape and
    /// offsets whose byte count matches, and the entries cover the data buffer contiguously.
    /// - Throws: ``SafeTensorsError`` naming the byte offset or the tensor and what was wrong.
    static func parse(_ bytes: [UInt8], source: String) throws -> SafeTensorsHeader {
        func fail(_ message: String) -> SafeTensorsError { SafeTensorsError(source, message) }
        guard bytes.count >= 8 else {
            throw fail("file is \(bytes.count) bytes, too short for the 8-byte header length")
        }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maxHeaderLength) else {
            throw fail("byte 0: header length \(length) exceeds the limit of \(maxHeaderLength) bytes")
        }
        let dataStart = 8 + Int(length)
        guard dataStart <= bytes.count else {
            throw fail(
                "byte 0: header length \(length) reaches past the end of the file (file is \(bytes.count) bytes)"
            )
        }
        let text = Array(bytes[8..<dataStart])
        guard String(validating: text, as: UTF8.self) != nil else {
            throw fail("byte 8: header is not valid UTF-8")
        }
        let json: SafeTensorsJSON
        do {
            json = try SafeTensorsJSON.parse(text)
        } catch let error as SafeTensorsJSON.SyntaxError {
            throw fail("byte \(8 + error.offset): header is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = json else {
            throw fail("byte 8: header must be a JSON object, found \(json.summary())")
        }
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        for (name, value) in members {
            if name == metadataKey {
                metadata = try parseMetadata(value, source: source)
            } else {
                entries.append(try parseEntry(name, value, source: source))
            }
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        try validate(entries, bufferLength: bytes.count - dataStart, source: source)
        return SafeTensorsHeader(entries: entries, metadata: metadata, dataStart: dataStart)
    }

    private static func parseMetadata(_ value: SafeTensorsJSON, source: String) throws -> [String: String] {
        // The reference reads `null` as no metadata.
        if case .null = value { return [:] }
        guard case .object(let members) = value else {
            throw SafeTensorsError(
                source, "'\(metadataKey)' must be an object of strings, found \(value.summary())")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard case .string(let text) = item else {
                throw SafeTensorsError(
                    source, "'\(metadataKey)' value of '\(key)' must be a string, found \(item.summary())")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseEntry(_ name: String, _ value: SafeTensorsJSON, source: String) throws -> Entry {
        func fail(_ message: String) -> SafeTensorsError {
            SafeTensorsError(source, "tensor '\(name)': \(message)")
        }
        guard case .object(let members) = value else {
            throw fail("expected an object with dtype, shape and data_offsets, found \(value.summary())")
        }
        func field(_ key: String) throws -> SafeTensorsJSON {
            guard let found = members.first(where: { $0.key == key }) else { throw fail("missing '\(key)'") }
            return found.value
        }
        let dtypeValue = try field("dtype")
        guard case .string(let dtypeName) = dtypeValue else {
            throw fail("'dtype' must be a string, found \(dtypeValue.summary())")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw fail("unsupported dtype '\(dtypeName)' (Recast reads \(SafeTensorsDType.accepted))")
        }
        let shapeValue = try field("shape")
        guard let shape = nonNegativeIntegers(shapeValue) else {
            throw fail("'shape' must be an array of non-negative integers, found \(shapeValue.summary())")
        }
        let offsetsValue = try field("data_offsets")
        guard let offsets = nonNegativeIntegers(offsetsValue), offsets.count == 2 else {
            throw fail(
                "'data_offsets' must be [begin, end] with non-negative integers, found \(offsetsValue.summary())"
            )
        }
        return Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// The integers of a JSON array of non-negative integer literals, or nil.
    private static func nonNegativeIntegers(_ value: SafeTensorsJSON) -> [Int]? {
        guard case .array(let items) = value else { return nil }
        var integers: [Int] = []
        for item in items {
            guard case .number(let literal) = item, literal.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let integer = Int(literal)
            else { return nil }
            integers.append(integer)
        }
        return integers
    }

    /// Checks entries (in buffer order) against each other and against the buffer length.
    private static func validate(_ entries: [Entry], bufferLength: Int, source: String) throws {
        var covered = 0
        var previous: Entry?
        for entry in entries {
            func fail(_ message: String) -> SafeTensorsError {
                SafeTensorsError(
                    source, "tensor '\(entry.name)': data_offsets [\(entry.begin), \(entry.end)] \(message)")
            }
            guard entry.begin <= entry.end else { throw fail("end before they begin") }
            guard entry.end <= bufferLength else {
                throw fail("reach past the end of the data buffer (\(bufferLength) bytes)")
            }
            if let previous, entry.begin < covered {
                throw fail("overlap tensor '\(previous.name)' at [\(previous.begin), \(previous.end)]")
            }
            guard entry.begin == covered else {
                throw fail(
                    "leave bytes \(covered)..<\(entry.begin) of the data buffer unused "
                        + "(tensors must cover the buffer contiguously)")
            }
            var bytes = entry.dtype.size
            for size in entry.shape {
                let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
                guard !overflow else { throw fail("cannot hold shape \(entry.shape): too many elements") }
                bytes = product
            }
            guard entry.end - entry.begin == bytes else {
                throw fail(
                    "hold \(entry.end - entry.begin) bytes, but dtype \(entry.dtype.rawValue) and shape \(entry.shape) "
                        + "need \(bytes)")
            }
            covered = entry.end
            previous = entry
        }
        guard covered == bufferLength else {
            throw SafeTensorsError(
                source,
                "the tensors cover \(covered) bytes of the data buffer, but it holds \(bufferLength) "
                    + "(bytes \(covered)..<\(bufferLength) belong to no tensor)")
        }
    }

    /// The length prefix and JSON header the reference writer produces for `entries` (already in
    /// buffer order): compact JSON, `__metadata__` first (keys sorted here, for deterministic
    /// files), then the entries, padded with spaces to a multiple of 8 bytes.
    static func encoded(entries: [Entry], metadata: [String: String]) -> [UInt8] {
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { SafeTensorsJSON.quoted($0.key) + ":" + SafeTensorsJSON.quoted($0.value) }
            members.append(SafeTensorsJSON.quoted(metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
        }
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            members.append(
                SafeTensorsJSON.quoted(entry.name)
                    + ":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                    + "\"data_offsets\":[\(entry.begin),\(entry.end)]}")
        }
        var json = Array(("{" + members.joined(separator: ",") + "}").utf8)
        json += [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8)
        let length = UInt64(json.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + json
    }
}
