import Figures
import Foundation
import Testing

/// `load_npy_data` and `load_folder` run as scripts, on files the tests write.
@Suite final class DataReaderBuiltinsTests {
    let folder: String
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("recast-readers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    @Test func testLoadNPYData_readsImagesLabelsAndClasses() throws {
        let out = transcript("""
            save_npy(tensor([[[0, 255], [51, 0]], [[255, 255], [0, 0]], [[0, 0], [0, 0]]]), "\(folder)/x.npy", dtype: "uint8")
            save_npy(tensor([1, 0, 1]), "\(folder)/y.npy", dtype: "int64")
            let d = load_npy_data("\(folder)/x.npy", "\(folder)/y.npy", classes: ["cat", "dog"], name: "pets")
            print(d.count, d.shape, d.classes, d.name)
            """)
        #expect(out == "3 [1, 2, 2] [\"cat\", \"dog\"] pets\n")
        let mismatch = transcript("""
            save_npy(zeros(2, 4), "\(folder)/f.npy")
            save_npy(tensor([0, 1, 2]), "\(folder)/l.npy", dtype: "int32")
            load_npy_data("\(folder)/f.npy", "\(folder)/l.npy")
            """)
        #expect(mismatch.contains("npy: \(folder)/l.npy has 3 labels but \(folder)/f.npy has 2 samples (expected one label per sample)"))
    }

    @Test func testLoadFolder_readsClassesAndResizes() throws {
        for (relative, width) in [("a/1.png", 2), ("b/1.png", 4), ("b/2.png", 2)] {
            try FileManager.default.createDirectory(
                atPath: "\(folder)/shapes/\((relative as NSString).deletingLastPathComponent)", withIntermediateDirectories: true)
            try PNG.write(
                pixels: [UInt8](repeating: 255, count: width * 2 * 3), width: width, height: 2, format: .rgb,
                to: "\(folder)/shapes/\(relative)")
        }
        let out = transcript("""
            let d = load_folder("\(folder)/shapes", size: [2, 3])
            print(d.count, d.shape, d.classes, d.name)
            print(load_folder("\(folder)/shapes", size: 5, channels: 1).shape)
            load_folder("\(folder)/shapes", size: [2])
            """)
        #expect(out.hasPrefix("3 [3, 2, 3] [\"a\", \"b\"] shapes\n[1, 5, 5]\n"))
        #expect(out.contains("bad argument #2 to 'load_folder' (expected [height, width], got [2])"))
        let uneven = transcript("load_folder(\"\(folder)/shapes\")")
        #expect(uneven.contains("image folder: \(folder)/shapes/b/1.png is 2×4 pixels but \(folder)/shapes/a/1.png is 2×2"))
    }

    @Test func testLoadCSV_scaleDividesTheFeatures() throws {
        try Data("0,8,16,1\n4,4,4,0\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/d.csv"))
        let out = transcript("""
            print(load_csv("\(folder)/d.csv", scale: 16).inputs)
            load_csv("\(folder)/d.csv", scale: 0)
            """)
        #expect(out.hasPrefix("[[0.  , 0.5 , 1.  ],\n [0.25, 0.25, 0.25]]\n"))
        #expect(out.contains("bad argument #4 to 'load_csv' (scale must be a finite non-zero number, got 0.0)"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["RECAST_DATA"] != nil, "RECAST_DATA is not set"))
    func testUCIDigits_valuesInUnitRange() {
        #expect(transcript("let d = uci_digits()\nprint(d.inputs.min(), d.inputs.max())") == "0 1\n")
    }
}
