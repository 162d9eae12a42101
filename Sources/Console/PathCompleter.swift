import Foundation

/// Completes file paths typed inside strings: `"data/tr` to `"data/train.csv`, directories with a
/// trailing `/` so Tab can go on into them; `~/` is the home directory.
enum PathCompleter {
    /// The paths starting with `partial`.
    static func complete(_ partial: String) -> Completion {
        let slash = partial.lastIndex(of: "/")
        let directory = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let listed = directory.isEmpty ? "." : (directory as NSString).expandingTildeInPath
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: listed) else { return Completion(word: partial, candidates: []) }
        let candidates = entries.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.map { entry in
            var isDirectory: ObjCBool = false
            let path = (listed as NSString).appendingPathComponent(entry)
            let slash = manager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? "/" : ""
            return directory + entry + slash
        }
        return Completion(word: partial, candidates: candidates.sorted())
    }
}
