import CZlib
import Foundation

/// Reads a data file's bytes, gunzipping it when it starts with the gzip magic bytes.
enum DataFile {
    /// The (decompressed) contents of `path`.
    /// - Throws: ``DatasetError`` naming `op` and the file when it is missing, unreadable, or
    ///   holds corrupt or truncated gzip data.
    static func read(_ path: String, op: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(op, "\(path): no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(op, "\(path): cannot be read (\(isDirectory.boolValue ? "a directory" : "permission denied?"))")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { return bytes }
        return try gunzip(bytes, path: path, op: op)
    }

    /// The data of one or more concatenated gzip members.
    private static func gunzip(_ compressed: [UInt8], path: String, op: String) throws -> [UInt8] {
        var input = compressed
        var stream = z_stream()
        // 16 + 15: a gzip wrapper around a deflate stream with the largest window.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError(op, "\(path): zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output += chunk[0..<(chunk.count - Int(stream.avail_out))]
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    // Another gzip member may follow (as `cat a.gz b.gz` makes).
                    guard stream.avail_in > 0 else { return }
                    inflateReset(&stream)
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw DatasetError(
                        op, "\(path): truncated gzip data (the compressed stream ends early, after "
                            + "\(output.count) decompressed bytes)")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw DatasetError(op, "\(path): corrupt gzip data (zlib: \(reason))")
                }
            }
        }
        return output
    }
}
