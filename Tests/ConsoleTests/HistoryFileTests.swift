import Foundation
import Testing

@testable import Console

@Suite struct HistoryFileTests {
    @Test func testHistoryFile_keepsTheNewestLinesUpToTheLimit() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var history = HistoryFile(path: folder + "/h", limit: 3)
        for line in ["a", "b", "c", "d", "e"] { try history.add(line) }
        #expect(history.lines == ["c", "d", "e"])
        #expect(try String(contentsOfFile: folder + "/h", encoding: .utf8) == "c\nd\ne\n")
        #expect(HistoryFile(path: folder + "/h", limit: 3).lines == ["c", "d", "e"])
        #expect(HistoryFile(path: folder + "/h", limit: 2).lines == ["d", "e"])
        // Only the history itself is left: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["h"])
    }

    @Test func testHistoryFile_skipsBlankAndRepeatedLines() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var history = HistoryFile(path: folder + "/h")
        #expect(try history.add("x = 1"))
        #expect(try !history.add("x = 1"))
        #expect(try !history.add("   "))
        #expect(try history.add("y"))
        #expect(history.lines == ["x = 1", "y"])
    }

    @Test func testHistoryFile_missingFileIsEmptyAndUnwritableThrows() {
        let history = HistoryFile(path: "/nonexistent-recast-folder/h")
        #expect(history.lines.isEmpty)
        var copy = history
        #expect(throws: ConsoleError.self) { try copy.add("line") }
        do {
            try copy.add("line")
        } catch {
            #expect("\(error)".hasPrefix("history: cannot write '/nonexistent-recast-folder/h'"))
        }
    }
}
