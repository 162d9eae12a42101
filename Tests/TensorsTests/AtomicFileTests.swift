import Foundation
import Testing
@testable import Tensors

@Suite struct AtomicFileTests {
    @Test func testAtomicFile_replacesAndLeavesNoTemporary() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/recast-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.txt"
        try AtomicFile.write(Data("first".utf8), to: path)
        try AtomicFile.write(Data("second".utf8), to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
    }

    @Test func testAtomicFile_failureKeepsTheOldContentAndCleansUp() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/recast-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/target/inner", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A non-empty folder cannot be replaced by a file: the rename fails, nothing is left behind.
        #expect(throws: AtomicFileError.self) {
            try AtomicFile.write(Data("x".utf8), to: folder + "/target")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["target"])
        #expect(throws: AtomicFileError(path: "missing/x.txt", message: "folder 'missing' does not exist")) {
            try AtomicFile.write(Data(), to: "missing/x.txt")
        }
    }
}
