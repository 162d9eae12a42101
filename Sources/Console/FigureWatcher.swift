import Foundation

/// Notices the figures (PNG and SVG files) a cell writes: it records the modification time of
/// every such file under some folders (for a notebook: the working folder, the script's and the
/// report's) before the cell, and compares after.
///
/// Scanning is robust whatever path or built-in wrote the file; it stops at `depth` levels and
/// `limit` files, and skips hidden folders and `.build`, so a large working folder stays quick.
struct FigureWatcher {
    static let extensions: Set<String> = ["png", "svg"]

    let folders: [URL]
    var depth = 4
    var limit = 20_000

    /// Watches `folders` (duplicates and folders inside others are fine).
    init(folders: [String]) {
        var seen: Set<String> = []
        self.folders = folders.map { URL(fileURLWithPath: $0).standardizedFileURL }.filter { seen.insert($0.path).inserted }
    }

    /// The figures now present, with their modification times.
    func snapshot() -> [String: Date] {
        var times: [String: Date] = [:]
        var visited = 0
        for folder in folders { scan(folder, level: 0, into: &times, visited: &visited) }
        return times
    }

    /// The figures written since `before` was taken (new, or modified), in the order they were
    /// written.
    func changes(since before: [String: Date]) -> [String] {
        snapshot().filter { path, time in before[path].map { time > $0 } ?? true }
            .sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
    }

    private func scan(_ folder: URL, level: Int, into times: inout [String: Date], visited: inout Int) {
        let keys: [URLResourceKey] = [.isDirectoryKey, .contentModificationDateKey]
        guard level <= depth, visited < limit,
            let entries = try? FileManager.default.contentsOfDirectory(
                at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return }
        for entry in entries {
            visited += 1
            guard visited < limit, let values = try? entry.resourceValues(forKeys: Set(keys)) else { return }
            if values.isDirectory == true {
                if entry.lastPathComponent != ".build" { scan(entry, level: level + 1, into: &times, visited: &visited) }
            } else if FigureWatcher.extensions.contains(entry.pathExtension.lowercased()), let time = values.contentModificationDate {
                times[entry.standardizedFileURL.path] = time
            }
        }
    }
}
