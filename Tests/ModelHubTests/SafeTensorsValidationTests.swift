import Foundation
import Testing

@testable import ModelHub

/// Malformed safetensors files, each refused with a message naming what was wrong.
@Suite struct SafeTensorsValidationTests {
    /// A file with the given header text (unpadded) and data bytes.
    private func file(_ header: String, data: [UInt8] = []) -> Data {
        let json = Array(header.utf8)
        let length = (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) }
        return Data(length + json + data)
    }

    private func expectError(
        _ message: String, _ data: Data, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: SafeTensorsError("m.safetensors", message), sourceLocation: sourceLocation) {
            try SafeTensorsFile.decode(data, source: "m.safetensors")
        }
    }

    private func f32(_ name: String, shape: String, _ begin: Int, _ end: Int) -> String {
        #""\#(name)":{"dtype":"F32","shape":\#(shape),"data_offsets":[\#(begin),\#(end)]}"#
    }

    @Test func testSafeTensors_truncatedFiles() {
        expectError("file is 5 bytes, too short for the 8-byte header length", Data([1, 0, 0, 0, 0]))
        expectError(
            "tensor '2.weight': data_offsets [40, 52] reach past the end of the data buffer (48 bytes)",
            SafeTensorsFixtures.mlp.dropLast(4))
        expectError(
            "byte 0: header length 304 reaches past the end of the file (file is 200 bytes)",
            SafeTensorsFixtures.mlp.prefix(200))
    }

    @Test func testSafeTensors_headerLengthBeyondLimitOrFile() {
        expectError(
            "byte 0: header length 256 reaches past the end of the file (file is 10 bytes)",
            Data([0, 1, 0, 0, 0, 0, 0, 0] + Array("{}".utf8)))
        expectError(
            "byte 0: header length 100000001 exceeds the limit of 100000000 bytes",
            Data([0x01, 0xE1, 0xF5, 0x05, 0, 0, 0, 0] + Array("{}".utf8)))
        expectError(
            "byte 0: header length 18446744073709551615 exceeds the limit of 100000000 bytes",
            Data([UInt8](repeating: 0xFF, count: 8) + Array("{}".utf8)))
    }

    @Test func testSafeTensors_invalidHeaderText() {
        expectError(
            "byte 28: header is not valid JSON: expected a string key, found '}}'",
            file(#"{"a":{"dtype":"F32",}}"#))
        expectError("byte 8: header is not valid UTF-8", Data([3, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0xFF, 0x7D]))
        expectError("byte 8: header must be a JSON object, found []", file("[]"))
        expectError(
            "byte 13: header is not valid JSON: expected a JSON value, found the end of the header",
            file(#"{"a":"#))
        expectError(
            "byte 9: header is not valid JSON: string is not closed before the end of the header",
            file(#"{"a"#))
        expectError(
            "byte 10: header is not valid JSON: expected the end of the header, found '\u{0}'",
            file("{}\u{0}"))
        let twice = "{" + f32("a", shape: "[1]", 0, 4) + "," + f32("a", shape: "[1]", 0, 4) + "}"
        expectError(
            "byte 62: header is not valid JSON: the key \"a\" appears twice", file(twice, data: [0, 0, 0, 0]))
        expectError(
            "byte 44: header is not valid JSON: JSON nests deeper than 32 levels",
            file(#"{"a":"# + String(repeating: "[", count: 40)))
    }

    @Test func testSafeTensors_offsetsOutOfRangeOverlappingOrLeavingGaps() {
        expectError(
            "tensor 'a': data_offsets [0, 8] reach past the end of the data buffer (4 bytes)",
            file("{" + f32("a", shape: "[2]", 0, 8) + "}", data: [0, 0, 0, 0]))
        expectError(
            "tensor 'b': data_offsets [4, 12] overlap tensor 'a' at [0, 8]",
            file(
                "{" + f32("b", shape: "[2]", 4, 12) + "," + f32("a", shape: "[2]", 0, 8) + "}",
                data: .init(repeating: 0, count: 12)))
        expectError(
            "tensor 'b': data_offsets [8, 12] leave bytes 4..<8 of the data buffer unused (tensors must cover the buffer contiguously)",
            file(
                "{" + f32("a", shape: "[1]", 0, 4) + "," + f32("b", shape: "[1]", 8, 12) + "}",
                data: .init(repeating: 0, count: 12)))
        expectError(
            "the tensors cover 4 bytes of the data buffer, but it holds 8 (bytes 4..<8 belong to no tensor)",
            file("{" + f32("a", shape: "[1]", 0, 4) + "}", data: .init(repeating: 0, count: 8)))
        expectError(
            "tensor 'a': data_offsets [8, 4] end before they begin",
            file("{" + f32("a", shape: "[1]", 8, 4) + "}", data: .init(repeating: 0, count: 8)))
    }

    @Test func testSafeTensors_dtypeAndShapeMustMatchTheBytes() {
        expectError(
            "tensor 'a': data_offsets [0, 20] hold 20 bytes, but dtype F32 and shape [3, 2] need 24",
            file("{" + f32("a", shape: "[3,2]", 0, 20) + "}", data: .init(repeating: 0, count: 20)))
        expectError(
            "tensor 'a': data_offsets [0, 4] cannot hold shape [4611686018427387904, 4]: too many elements",
            file(
                "{" + f32("a", shape: "[4611686018427387904,4]", 0, 4) + "}",
                data: .init(repeating: 0, count: 4)))
        expectError(
            "tensor 'a': unsupported dtype 'F8_E4M3' (Recast reads F64, F32, F16, BF16, U64, I64, U32, I32, U16, I16, U8, I8)",
            file(#"{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#, data: [0]))
        expectError(
            "tensor 'a': element 0 = 18446744073709551615 is too large for Int",
            file(
                #"{"a":{"dtype":"U64","shape":[1],"data_offsets":[0,8]}}"#,
                data: .init(repeating: 0xFF, count: 8)))
    }

    @Test func testSafeTensors_entriesNeedTheRightFieldsAndTypes() {
        expectError(
            "tensor 'a': missing 'shape'",
            file(#"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        expectError(
            "tensor 'a': expected an object with dtype, shape and data_offsets, found 3", file(#"{"a":3}"#))
        expectError(
            "tensor 'a': 'dtype' must be a string, found 32",
            file(#"{"a":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        expectError(
            "tensor 'a': 'shape' must be an array of non-negative integers, found [2, -1]",
            file(#"{"a":{"dtype":"F32","shape":[2,-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        expectError(
            "tensor 'a': 'shape' must be an array of non-negative integers, found [1.0]",
            file(#"{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        expectError(
            "tensor 'a': 'data_offsets' must be [begin, end] with non-negative integers, found [0]",
            file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: [0, 0, 0, 0]))
        expectError(
            "'__metadata__' value of 'k' must be a string, found 1", file(#"{"__metadata__":{"k":1}}"#))
        expectError(
            "'__metadata__' must be an object of strings, found [\"k\"]", file(#"{"__metadata__":["k"]}"#))
    }

    @Test func testSafeTensors_acceptsWhatTheReferenceAccepts() throws {
        // Extra fields in an entry are ignored, padding is optional, and JSON escapes decode.
        let data = file(
            #"{"\u00e9\n":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":null}, "__metadata__":{}}"#,
            data: [0, 0, 0x80, 0x3F])
        let read = try SafeTensorsFile.decode(data, source: "m.safetensors")
        #expect(read.tensors["é\n"]?.scalars == [1])
        #expect(read.metadata.isEmpty)
        #expect(try SafeTensorsFile.decode(file("{}"), source: "m.safetensors").tensors.isEmpty)
        #expect(try SafeTensorsFile.decode(file(#"{"__metadata__":null}"#), source: "m.safetensors").metadata == [:])
    }
}
