import Foundation
import Testing
import Language

/// Runs every `Golden/*.recast` program and compares what it printed with `*.out` and its
/// diagnostics with `*.err` (a missing file means "nothing expected"). With RECAST_UPDATE_GOLDEN=1
/// the files are rewritten from what the programs do (check the diff before committing).
@Suite struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var programs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".recast") }.sorted()
    }

    @Test func testGolden_programsExist() {
        #expect(GoldenTests.programs.count >= 7)
    }

    @Test(arguments: GoldenTests.programs)
    func testGolden_outputAndErrors(program: String) throws {
        let source = try String(contentsOf: GoldenTests.folder.appendingPathComponent(program), encoding: .utf8)
        let base = String(program.dropLast(".recast".count))
        func expected(_ suffix: String) -> String {
            (try? String(contentsOf: GoldenTests.folder.appendingPathComponent(base + suffix), encoding: .utf8)) ?? ""
        }
        let test = TestInterpreter()
        let result = test.interpreter.evaluate(source: source, name: program)
        var errors = ""
        if case .failure(let diagnostics) = result { errors = diagnostics.description + "\n" }
        if ProcessInfo.processInfo.environment["RECAST_UPDATE_GOLDEN"] == "1" {
            for (suffix, text) in [(".out", test.output), (".err", errors)] {
                let url = GoldenTests.folder.appendingPathComponent(base + suffix)
                if text.isEmpty { try? FileManager.default.removeItem(at: url) } else { try text.write(to: url, atomically: true, encoding: .utf8) }
            }
        }
        #expect(test.output == expected(".out"), "\(program): output")
        #expect(errors == expected(".err"), "\(program): errors")
    }
}
