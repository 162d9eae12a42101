import Foundation
import Testing

@testable import Tensors

@Suite struct NPYTests {
    // MARK: - Reading files numpy wrote

    @Test func testNPY_readsFloat32() throws {
        let array = try NPY.decode(NPYFixtures.float32, source: "x.npy")
        #expect(array.shape == [2, 3])
        #expect(array.dtype == .float32)
        #expect(array.tensor().shape == [2, 3])
        #expect(array.tensor().scalars == [1.5, -2, 0.25, 3, 4e-3, -1e10])
    }

    @Test func testNPY_readsFloat64AsFloat() throws {
        let array = try NPY.decode(NPYFixtures.float64, source: "x.npy")
        #expect(array.dtype == .float64)
        let values = array.tensor().scalars
        #expect(abs(values[0] - 0.1) < 1e-7)
        #expect(values[1] == -2.5)
        #expect(values[2] == .infinity)  // 1e300 is beyond Float's range
    }

    @Test func testNPY_readsUInt8Int32Int64AsIntegers() throws {
        let bytes = try NPY.decode(NPYFixtures.uint8, source: "x.npy")
        #expect(bytes.shape == [2, 2])
        #expect(try bytes.integers() == [0, 1, 127, 255])
        #expect(bytes.tensor().scalars == [0, 1, 127, 255])
        let int32 = try NPY.decode(NPYFixtures.int32, source: "x.npy")
        #expect(int32.shape == [2, 1])
        #expect(try int32.integers() == [-7, 65536])
        let int64 = try NPY.decode(NPYFixtures.int64, source: "x.npy")
        #expect(try int64.integers() == [-3, 0, 1 << 40])
    }

    @Test func testNPY_fortranOrderIsTransposedToRowMajor() throws {
        // np.asfortranarray(np.arange(24).reshape(2, 3, 4)): row-major order reads 0, 1, 2, ...
        let array = try NPY.decode(NPYFixtures.fortran, source: "x.npy")
        #expect(array.shape == [2, 3, 4])
        #expect(array.tensor().scalars == (0..<24).map(Float.init))
        #expect(try array.integers() == Array(0..<24))
    }

    @Test func testNPY_bigEndianIsConverted() throws {
        let array = try NPY.decode(NPYFixtures.bigEndian, source: "x.npy")
        #expect(array.dtype == .float64)
        #expect(array.tensor().scalars == [1, -2])
    }

    @Test func testNPY_scalarEmptyAndLaterVersions() throws {
        let scalar = try NPY.decode(NPYFixtures.scalar, source: "x.npy")
        #expect(scalar.shape == [])
        #expect(scalar.tensor().scalars == [7])
        let empty = try NPY.decode(NPYFixtures.empty, source: "x.npy")
        #expect(empty.shape == [0, 3])
        #expect(empty.tensor().count == 0)
        for fixture in [NPYFixtures.version2, NPYFixtures.version3] {
            #expect(try NPY.decode(fixture, source: "x.npy").tensor().scalars == [1, 2])
        }
    }

    @Test func testNPY_integersFromNonIntegralFloatsFails() throws {
        let array = try NPY.decode(NPYFixtures.float32, source: "x.npy")
        #expect(throws: NPYError("x.npy", "expected integers, but element 0 of the <f4 array is 1.5")) {
            try array.integers()
        }
    }

    @Test func testNPY_unsupportedDtypeIsNamed() {
        #expect(
            throws: NPYError(
                "x.npy",
                "byte 10: unsupported dtype '<i2': Recast reads '<f4', '<f8', '|u1', '<i4', '<i8' "
                    + "(and big-endian '>f4', '>f8', '>i4', '>i8')")
        ) {
            try NPY.decode(NPYFixtures.int16, source: "x.npy")
        }
    }

    // MARK: - Writing the bytes numpy writes

    @Test func testNPY_encodeMatchesNumpyBytes() throws {
        let float32 = try Tensor(shape: [2, 3], scalars: [1.5, -2, 0.25, 3, 4e-3, -1e10])
        #expect(try NPY.encode(float32) == NPYFixtures.float32)
        #expect(try NPY.encode(Tensor([0.5, -2.5, 1024]), dtype: .float64) == NPYFixtures.float64Exact)
        #expect(try NPY.encode(Tensor(7)) == NPYFixtures.scalar)
        #expect(try NPY.encode(Tensor.zeros([0, 3])) == NPYFixtures.empty)
        #expect(try NPY.encodeIntegers([0, 1, 127, 255], shape: [2, 2], dtype: .uint8) == NPYFixtures.uint8)
        #expect(try NPY.encodeIntegers([-7, 65536], shape: [2, 1], dtype: .int32) == NPYFixtures.int32)
        #expect(try NPY.encodeIntegers([-3, 0, 1 << 40], shape: [3]) == NPYFixtures.int64)
    }

    @Test func testNPY_headerKeepsDataAlignedForLongShapes() throws {
        // A long header moves the data start to the next multiple of 64; numpy's np.save of
        // np.full([1] * 60, 2, dtype='<f4') is 324 bytes long, with header length 0x0136.
        let shape = [Int](repeating: 1, count: 60)
        let data = try NPY.encode(Tensor(repeating: 2, shape: shape))
        #expect(data.count == 320 + 4)
        #expect(Array(data[8..<10]) == [0x36, 0x01])
        #expect(try NPY.decode(data, source: "x.npy").shape == shape)
    }

    @Test func testNPY_roundTripEachDtypeThroughFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tensor = try Tensor(shape: [2, 2], scalars: [0, 3, 250, 7])
        for dtype in NPYDType.allCases {
            let path = folder + "/\(dtype.rawValue).npy"
            try NPY.write(tensor, path: path, dtype: dtype)
            let back = try NPY.read(path: path)
            #expect(back.dtype == dtype)
            #expect(back.shape == [2, 2])
            #expect(back.tensor().scalars == tensor.scalars)
            #expect(try back.integers() == [0, 3, 250, 7])
        }
        let path = folder + "/labels.npy"
        try NPY.writeIntegers([5, -1, 9], shape: [3], path: path)
        #expect(try NPY.read(path: path).integers() == [5, -1, 9])
        // Only the file itself is left: no temporary beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("labels.npy") } == ["labels.npy"])
    }

    @Test func testNPY_writeRefusesValuesOutsideTheDtype() {
        #expect(throws: NPYError("npy", "cannot write element 1 = 0.5 as |u1: not a whole number")) {
            try NPY.encode(Tensor([1, 0.5]), dtype: .uint8)
        }
        #expect(throws: NPYError("npy", "cannot write element 0 = 256 as |u1: outside 0...255")) {
            try NPY.encodeIntegers([256], shape: [1], dtype: .uint8)
        }
        #expect(throws: NPYError("npy", "shape [2, 2] does not hold 3 values")) {
            try NPY.encodeIntegers([1, 2, 3], shape: [2, 2])
        }
        #expect(
            throws: AtomicFileError(
                path: "/no/such/folder/x.npy", message: "folder '/no/such/folder' does not exist")
        ) {
            try NPY.write(Tensor([1]), path: "/no/such/folder/x.npy")
        }
    }

    // MARK: - Malformed files

    @Test func testNPY_malformedMagicAndVersion() {
        var magic = NPYFixtures.float32
        magic[5] = UInt8(ascii: "Z")
        #expect(
            throws: NPYError(
                "x.npy",
                "byte 0: expected the NPY magic 93 4e 55 4d 50 59 (\"\\x93NUMPY\"), found 93 4e 55 4d 50 5a")
        ) {
            try NPY.decode(magic, source: "x.npy")
        }
        #expect(throws: NPYError("x.npy", "file is 3 bytes, too short to be an NPY file")) {
            try NPY.decode(NPYFixtures.float32.prefix(3), source: "x.npy")
        }
        var version = NPYFixtures.float32
        version[6] = 4
        #expect(throws: NPYError("x.npy", "byte 6: unsupported NPY version 4.0 (expected 1.0, 2.0 or 3.0)")) {
            try NPY.decode(version, source: "x.npy")
        }
    }

    @Test func testNPY_truncatedHeaderAndData() {
        #expect(throws: NPYError("x.npy", "byte 8: file ends inside the 2-byte header length")) {
            try NPY.decode(NPYFixtures.float32.prefix(9), source: "x.npy")
        }
        #expect(
            throws: NPYError(
                "x.npy", "byte 10: header of 118 bytes runs past the end of the file (file is 50 bytes)")
        ) {
            try NPY.decode(NPYFixtures.float32.prefix(50), source: "x.npy")
        }
        #expect(
            throws: NPYError("x.npy", "byte 128: expected 24 data bytes for shape [2, 3] of '<f4', found 20")
        ) {
            try NPY.decode(NPYFixtures.float32.dropLast(4), source: "x.npy")
        }
        #expect(
            throws: NPYError("x.npy", "byte 128: expected 24 data bytes for shape [2, 3] of '<f4', found 25")
        ) {
            try NPY.decode(NPYFixtures.float32 + [0], source: "x.npy")
        }
    }

    @Test func testNPY_malformedHeaderDict() {
        #expect(
            throws: NPYError(
                "x.npy", "byte 10: expected the header to be a Python dict '{...}', found '[1, 2]\\n'")
        ) {
            try NPY.decode(npy(header: "[1, 2]\n"), source: "x.npy")
        }
        #expect(
            throws: NPYError(
                "x.npy",
                "byte 10: header must have exactly the keys 'descr', 'fortran_order', 'shape', found 'descr', 'shape'"
            )
        ) {
            try NPY.decode(npy(header: "{'descr': '<f4', 'shape': (2,)}"), source: "x.npy")
        }
        #expect(throws: NPYError("x.npy", "byte 26: expected ',' or '}', found ''fortran_ord'")) {
            try NPY.decode(
                npy(header: "{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}"), source: "x.npy")
        }
        #expect(
            throws: NPYError(
                "x.npy", "byte 10: header 'shape' must be a tuple of non-negative integers, found [2]")
        ) {
            try NPY.decode(
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': [2]}"), source: "x.npy")
        }
        #expect(
            throws: NPYError(
                "x.npy", "byte 10: header 'shape' must be a tuple of non-negative integers, found (2, -1)")
        ) {
            try NPY.decode(
                npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1)}"), source: "x.npy")
        }
        #expect(throws: NPYError("x.npy", "byte 10: header 'fortran_order' must be True or False, found 0")) {
            try NPY.decode(
                npy(header: "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}"), source: "x.npy")
        }
        #expect(
            throws: NPYError(
                "x.npy",
                "byte 10: header 'descr' must be a type string such as '<f4', found [('a', '<f4')] (structured dtypes are not supported)"
            )
        ) {
            try NPY.decode(
                npy(header: "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}"),
                source: "x.npy")
        }
        #expect(throws: NPYError("x.npy", "byte 27: string is not closed before the end of the header")) {
            try NPY.decode(npy(header: "{'descr': '<f4', 'fortran_order"), source: "x.npy")
        }
        #expect(throws: NPYError("x.npy", "byte 35: header nests deeper than 16 levels")) {
            try NPY.decode(npy(header: "{'descr': " + String(repeating: "(", count: 40)), source: "x.npy")
        }
    }

    @Test func testNPY_shapeTooLargeIsRefused() {
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4)}"
        #expect(
            throws: NPYError("x.npy", "byte 10: header 'shape' (4611686018427387904, 4) has too many elements")
        ) {
            try NPY.decode(npy(header: header), source: "x.npy")
        }
    }

    @Test func testNPY_python2LongIntegersAreAccepted() throws {
        let data = npy(
            header: "{'descr': '<i8', 'fortran_order': False, 'shape': (1L, 2L), }\n",
            data: [UInt8](repeating: 0, count: 16))
        #expect(try NPY.decode(data, source: "x.npy").shape == [1, 2])
    }

    @Test func testNPY_missingFile() {
        #expect(throws: NPYError("/no/such/file.npy", "no such file")) {
            try NPY.read(path: "/no/such/file.npy")
        }
    }

    /// A version 1.0 file with the given header text (no padding) and data bytes.
    private func npy(header: String, data: [UInt8] = []) -> Data {
        let text = Array(header.utf8)
        return Data(
            [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text
                + data)
    }

    private func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/recast-npy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Files written by numpy 2.4 (`np.save`), as hex.
enum NPYFixtures {
    // np.array([[1.5, -2, 0.25], [3, 4e-3, -1e10]], dtype='<f4')
    static let float32 = hex(
        """
        934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a0000c03f000000c00000803e00004040
        6f12833bf90215d0
        """)
    // np.array([0.1, -2.5, 1e300], dtype='<f8')
    static let float64 = hex(
        """
        934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a9a9999999999b93f00000000000004c0
        9c7500883ce4377e
        """)
    // np.array([[0, 1], [127, 255]], dtype=np.uint8)
    static let uint8 = hex(
        """
        934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028322c2032292c207d202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a00017fff
        """)
    // np.array([-3, 0, 2**40], dtype='<i8')
    static let int64 = hex(
        """
        934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200afdffffffffffffff0000000000000000
        0000000000010000
        """)
    // np.array([[-7], [65536]], dtype='<i4')
    static let int32 = hex(
        """
        934e554d5059010076007b276465736372273a20273c6934272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028322c2031292c207d202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200af9ffffff00000100
        """)
    // np.asfortranarray(np.arange(24, dtype='<f4').reshape(2, 3, 4))
    static let fortran = hex(
        """
        934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2054727565
        2c20277368617065273a2028322c20332c2034292c207d20202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a00000000000040410000804000008041
        000000410000a0410000803f000050410000a04000008841000010410000a84100000040000060410000c04000009041
        000020410000b04100004040000070410000e04000009841000030410000b841
        """)
    // np.array([1, 2], dtype='<i2')
    static let int16 = hex(
        """
        934e554d5059010076007b276465736372273a20273c6932272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028322c292c207d2020202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a01000200
        """)
    // np.array(7.0, dtype='<f4')
    static let scalar = hex(
        """
        934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028292c207d20202020202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a0000e040
        """)
    // np.array([1.0, -2.0], dtype='>f8')
    static let bigEndian = hex(
        """
        934e554d5059010076007b276465736372273a20273e6638272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028322c292c207d2020202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a3ff0000000000000c000000000000000
        """)
    // np.zeros((0, 3), dtype='<f4')
    static let empty = hex(
        """
        934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028302c2033292c207d202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a
        """)
    // np.array([0.5, -2.5, 1024.0])
    static let float64Exact = hex(
        """
        934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73
        652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a000000000000e03f00000000000004c0
        0000000000009040
        """)
    // np.lib.format.write_array(f, np.array([1, 2], dtype='<f4'), version=(2, 0)) and (3, 0)
    static let version2 = hex(
        """
        934e554d50590200740000007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a204661
        6c73652c20277368617065273a2028322c292c207d202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a0000803f00000040
        """)
    static let version3 = hex(
        """
        934e554d50590300740000007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a204661
        6c73652c20277368617065273a2028322c292c207d202020202020202020202020202020202020202020202020202020
        202020202020202020202020202020202020202020202020202020202020200a0000803f00000040
        """)

    /// Bytes from hex digits, ignoring whitespace.
    static func hex(_ text: String) -> Data {
        let digits = text.filter(\.isHexDigit).map { UInt8(String($0), radix: 16) ?? 0 }
        return Data(stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
    }
}
