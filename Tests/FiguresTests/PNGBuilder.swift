/// Builds PNG files byte by byte (stored deflate blocks, hand-made chunks), so tests can make
/// colour types, bit depths and damage that the encoder under test never writes.
enum PNGBuilder {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// A zlib stream of stored (uncompressed) blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return out + bigEndian(b << 16 | a)
    }

    /// A PNG whose rows are given as raw sample bytes (a filter byte of 0 is added to each).
    static func png(width: UInt32, height: UInt32, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]],
                    chunks: [(String, [UInt8])] = []) -> [UInt8] {
        let header = bigEndian(width) + bigEndian(height) + [bitDepth, colorType, 0, 0, 0]
        var bytes = signature + chunk("IHDR", header)
        for (type, data) in chunks {
            bytes += chunk(type, data)
        }
        bytes += chunk("IDAT", zlibStored(rows.flatMap { [0] + $0 }))
        return bytes + chunk("IEND", [])
    }
}
