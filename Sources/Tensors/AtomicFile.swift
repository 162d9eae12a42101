import Foundation

/// Writes files atomically: the bytes go to a temporary file beside `path`, are flushed to disk, and the temporary
/// file is then renamed over `path`.
///
/// An interrupted save therefore leaves the old file (or none), never half a file. Every file
/// writer in Recast goes through here.
///
/// ```swift
/// try AtomicFile.write(Data("hello".utf8), to: "notes.txt")
/// ```
public enum AtomicFile {
    /// Replaces the file at `path` with `data`, atomically.
    /// - Throws: ``AtomicFileError`` naming the path when the folder is missing or the file
    ///   cannot be written or renamed; the temporary file is removed on failure.
    public static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty,
            !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue
        {
            throw AtomicFileError(path: path, message: "folder '\(folder)' does not exist")
        }
        // A name of its own, so two writers of the same file never share a temporary.
        let temporary = "\(path).tmp-\(UUID().uuidString)"
        do {
            guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                throw AtomicFileError(path: path, message: "cannot create '\(temporary)'")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            // Flush before the rename, so a crash cannot leave a renamed but empty file.
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? AtomicFileError { throw error }
            throw AtomicFileError(
                path: path, message: "cannot write '\(temporary)': \(error.localizedDescription)")
        }
        // POSIX rename replaces the destination in one step (FileManager.moveItem refuses to).
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw AtomicFileError(path: path, message: "cannot rename '\(temporary)' to it: \(reason)")
        }
    }
}

/// A file could not be written: which file, and why.
///
/// The description reads `cannot save 'out/model.safetensors': folder 'out' does not exist`.
public struct AtomicFileError: Error, CustomStringConvertible, Equatable {
    /// The file that was being written.
    public let path: String
    /// What went wrong.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "cannot save '\(path)': \(message)" }
}
