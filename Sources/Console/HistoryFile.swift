import Foundation

/// The REPL's history on disk (`~/.recast_history`): one line per entry, oldest first, at most
/// `limit` lines, rewritten atomically (a temporary file renamed over the old one) after each
/// entry, so a crash or a second session never leaves half a file.
public struct HistoryFile {
    /// The default place: `.recast_history` in the home directory.
    public static var defaultPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".recast_history")
    }

    /// Where the history is kept.
    public let path: String
    /// The most lines kept.
    public let limit: Int
    /// The lines, oldest first.
    public private(set) var lines: [String] = []

    /// The history stored at `path` (empty when the file is missing or unreadable).
    public init(path: String = HistoryFile.defaultPath, limit: Int = 1000) {
        self.path = path
        self.limit = max(limit, 1)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            lines = Array(text.split(separator: "\n").map(String.init).suffix(self.limit))
        }
    }

    /// Adds `line` (blank lines and a repeat of the last line are skipped), keeping the newest
    /// `limit` lines, and saves. Returns false when the line was skipped.
    @discardableResult
    public mutating func add(_ line: String) throws -> Bool {
        guard !line.allSatisfy(\.isWhitespace), line != lines.last else { return false }
        lines.append(line)
        if lines.count > limit { lines.removeFirst(lines.count - limit) }
        try save()
        return true
    }

    /// Writes the lines atomically.
    public func save() throws {
        let text = lines.map { $0 + "\n" }.joined()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ConsoleError("history: cannot write '\(path)' (\(error.localizedDescription))")
        }
    }
}
