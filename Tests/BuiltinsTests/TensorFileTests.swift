import Foundation
import Testing

@Suite struct TensorFileTests {
    /// A fresh folder for one test, removed afterwards.
    private final class Folder {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("recast-tensor-files-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func file(_ name: String) -> String { path + "/" + name }
    }

    @Test func testFiles_roundTripKeepsShapeAndValues() throws {
        let folder = try Folder()
        let file = folder.file("x.npy")
        let output = TensorScript.run(
            """
            let x = arange(24).reshape(2, 3, 4) / 8
            save_npy(x, "\(file)")
            let y = load_npy("\(file)")
            print(y.shape, (y == x).all(), y[1, 2])
            save_npy(param([1.5]), "\(file)", dtype: "float64")
            print(load_npy("\(file)"))
            """)
        #expect(output == "[2, 3, 4] true [2.5  , 2.625, 2.75 , 2.875]\n[1.5]\n")
    }

    @Test func testFiles_integerFilesLoadAsTensors() throws {
        let folder = try Folder()
        let file = folder.file("labels.npy")
        let output = TensorScript.run(
            """
            save_npy(tensor([3, 0, 255]), "\(file)", dtype: "uint8")
            let labels = load_npy("\(file)")
            print(labels, one_hot(labels, 256).shape)
            """)
        #expect(output == "[  3,   0, 255] [3, 256]\n")
        // The bytes are what numpy writes for a uint8 vector: magic, version 1.0, header, data.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(bytes.prefix(8) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        #expect(bytes.suffix(3) == [3, 0, 255])
        #expect(bytes.count % 64 == 3)
    }

    @Test func testFiles_readsAnInt32FileWrittenByHand() throws {
        let folder = try Folder()
        let file = folder.file("hand.npy")
        var header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }"
        header += String(repeating: " ", count: 64 - (10 + header.count + 1) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
        for value: Int32 in [1, -2, 300, 4] { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(TensorScript.run("print(load_npy(\"\(file)\"))") == "[[  1,  -2],\n [300,   4]]\n")
    }

    @Test func testFiles_errorsNameTheFile() throws {
        let folder = try Folder()
        let missing = folder.file("missing.npy")
        #expect(TensorScript.error("load_npy(\"\(missing)\")") == "load_npy: \(missing): no such file")
        let junk = folder.file("junk.npy")
        try Data("not an npy file".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(TensorScript.error("load_npy(\"\(junk)\")")?.hasPrefix("load_npy: \(junk)") == true)
        let out = folder.file("out.npy")
        #expect(
            TensorScript.error("save_npy(tensor([0.5]), \"\(out)\", dtype: \"int64\")")
                == "save_npy: \(out): cannot write element 0 = 0.5 as <i8: not a whole number")
        #expect(
            TensorScript.error("save_npy(tensor([0.5]), \"\(out)\", dtype: \"int8\")")
                == "bad argument #3 to 'save_npy' (one of float32, float64, uint8, int32, int64 expected, got \"int8\")")
        #expect(!FileManager.default.fileExists(atPath: out))
        let nowhere = folder.file("no/such/folder/x.npy")
        #expect(TensorScript.error("save_npy(zeros(1), \"\(nowhere)\")")?.hasPrefix("save_npy: cannot save '\(nowhere)'") == true)
        #expect(TensorScript.error("load_npy(3)") == "bad argument #1 to 'load_npy' (string expected, got number)")
    }
}
