import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes and reads whole files; writes go to a temporary file beside the target that is then
/// renamed over it, so an interrupted save leaves the old file or none, never half a file.
enum AtomicFile {
    /// Writes `bytes` to `path` atomically; `operation` names the caller in error messages.
    static func write(_ bytes: [UInt8], to path: String, operation: String) throws {
        let temporary = "\(path).tmp-\(UUID().uuidString)"
        guard let file = fopen(temporary, "wb") else {
            throw FigureError("\(operation): cannot write '\(path)': \(errorText())")
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0
        let closed = fclose(file) == 0
        guard written == bytes.count, flushed, closed else {
            let reason = errorText()
            unlink(temporary)
            throw FigureError("\(operation): cannot write '\(path)': \(reason)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw FigureError("\(operation): cannot move the finished file into place at '\(path)': \(reason)")
        }
    }

    /// Reads the whole file at `path`.
    static func read(_ path: String, operation: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw FigureError("\(operation): cannot open '\(path)': \(errorText())")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: chunk[0..<n])
            if n < chunk.count {
                break
            }
        }
        if ferror(file) != 0 {
            throw FigureError("\(operation): cannot read '\(path)': \(errorText())")
        }
        return bytes
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
