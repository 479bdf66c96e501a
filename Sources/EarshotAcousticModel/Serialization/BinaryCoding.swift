import Foundation

/// Little-endian writer for Earshot's binary blobs: magic, version, fields, then a CRC-32 of all
/// bytes before it.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(magic: [UInt8], version: UInt32) {
        bytes += magic
        append(version)
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// A length-prefixed (UInt64) byte string.
    mutating func appendBlock(_ block: some Collection<UInt8>) {
        append(UInt64(block.count))
        bytes += block
    }

    /// A count-prefixed (UInt64) array of Float32 bit patterns.
    mutating func appendFloats(_ values: [Float]) {
        append(UInt64(values.count))
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for value in values {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
    }

    /// The finished blob, checksum appended.
    func finished() -> Data {
        var result = bytes
        withUnsafeBytes(of: CRC32.checksum(bytes).littleEndian) { result += $0 }
        return Data(result)
    }
}

/// Reads what `BinaryWriter` wrote, reporting wrong magic, wrong version, truncation and checksum
/// failures as `AcousticModelError`s naming `source`, never trapping.
struct BinaryReader {
    let bytes: [UInt8]
    let source: String
    private(set) var offset = 0

    /// Checks magic and version.
    init(_ data: Data, magic: [UInt8], version: UInt32, source: String) throws {
        bytes = [UInt8](data)
        self.source = source
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw AcousticModelError.badMagic(source: source)
        }
        offset = magic.count
        let found: UInt32 = try read()
        guard found == version else {
            throw AcousticModelError.unsupportedVersion(source: source, found: found, supported: version)
        }
    }

    mutating func read<T: FixedWidthInteger>() throws -> T {
        let raw = try take(MemoryLayout<T>.size)
        var value: T = 0
        for (i, byte) in raw.enumerated() { value |= T(byte) << (8 * i) }
        return value
    }

    mutating func readBlock(limit: Int) throws -> ArraySlice<UInt8> {
        try take(try count(limit: limit))
    }

    mutating func readFloats(limit: Int) throws -> [Float] {
        let count = try count(limit: limit)
        let raw = try take(4 * count)
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            raw.withUnsafeBufferPointer { r in
                for i in 0..<count {
                    let at = 4 * i
                    buffer[i] = Float(bitPattern: UInt32(r[at]) | UInt32(r[at + 1]) << 8 | UInt32(r[at + 2]) << 16 | UInt32(r[at + 3]) << 24)
                }
            }
            initialized = count
        }
    }

    /// The stored checksum must follow immediately, match, and end the blob.
    func verifyChecksum() throws {
        guard bytes.count >= offset + 4 else {
            throw AcousticModelError.truncated(source: source, expectedBytes: offset + 4, actualBytes: bytes.count)
        }
        let stored = bytes[offset ..< offset + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) }
        let computed = CRC32.checksum(bytes[..<offset])
        guard stored == computed else {
            throw AcousticModelError.checksumMismatch(source: source, stored: stored, computed: computed)
        }
        guard bytes.count == offset + 4 else {
            throw AcousticModelError.corrupt(source: source, reason: "\(bytes.count - offset - 4) unexpected bytes after the checksum")
        }
    }

    private mutating func count(limit: Int) throws -> Int {
        let raw: UInt64 = try read()
        guard raw <= UInt64(limit) else {
            throw AcousticModelError.corrupt(source: source, reason: "length \(raw) at byte \(offset - 8) exceeds \(limit)")
        }
        return Int(raw)
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw AcousticModelError.truncated(source: source, expectedBytes: offset + count, actualBytes: bytes.count)
        }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }
}
