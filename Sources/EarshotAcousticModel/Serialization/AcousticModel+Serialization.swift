import Foundation

/// The model's binary format (all integers little-endian):
///
///     offset  size  field
///     0       4     magic "ESAM"
///     4       4     format version (UInt32) = 1
///     8       4     configuration JSON length n (UInt32)
///     12      n     configuration JSON (ModelConfig)
///     12+n    8     parameter count p (UInt64)
///     20+n    4p    parameters (Float32 bit patterns)
///     20+n+4p 4     CRC-32 of every byte before it
extension AcousticModel {
    public static let fileMagic: [UInt8] = Array("ESAM".utf8)
    public static let fileFormatVersion: UInt32 = 1

    /// The weights and configuration as one versioned, checksummed blob.
    public func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(config)
        var bytes = [UInt8]()
        bytes.reserveCapacity(24 + json.count + 4 * parameters.count)
        bytes += Self.fileMagic
        append(Self.fileFormatVersion, to: &bytes)
        append(UInt32(json.count), to: &bytes)
        bytes += json
        append(UInt64(parameters.count), to: &bytes)
        for value in parameters {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        append(CRC32.checksum(bytes), to: &bytes)
        return Data(bytes)
    }

    /// Reads a blob written by `serialized()`. `source` names it in errors (a path, or "model").
    public init(serialized data: Data, source: String = "model") throws {
        let bytes = [UInt8](data)
        var reader = ByteReader(bytes: bytes, source: source)
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.fileMagic else {
            throw AcousticModelError.badMagic(source: source)
        }
        reader.offset = 4
        let version: UInt32 = try reader.read(expectedTotal: 12)
        guard version == Self.fileFormatVersion else {
            throw AcousticModelError.unsupportedVersion(source: source, found: version, supported: Self.fileFormatVersion)
        }
        let jsonLength = Int(try reader.read(expectedTotal: 12) as UInt32)
        let json = try reader.bytes(jsonLength, expectedTotal: 12 + jsonLength + 12)
        let rawCount: UInt64 = try reader.read(expectedTotal: 12 + jsonLength + 12)
        guard rawCount <= UInt64(ModelConfig.maximumParameterCount) else {
            throw AcousticModelError.corrupt(source: source, reason: "parameter count \(rawCount) is implausible")
        }
        let count = Int(rawCount)
        let total = 12 + jsonLength + 8 + 4 * count + 4
        guard bytes.count >= total else {
            throw AcousticModelError.truncated(source: source, expectedBytes: total, actualBytes: bytes.count)
        }
        guard bytes.count == total else {
            throw AcousticModelError.corrupt(source: source, reason: "\(bytes.count - total) unexpected bytes after the checksum")
        }
        let stored = UInt32(littleEndianBytes: bytes[(total - 4)...])
        let computed = CRC32.checksum(bytes[..<(total - 4)])
        guard stored == computed else {
            throw AcousticModelError.checksumMismatch(source: source, stored: stored, computed: computed)
        }
        let config: ModelConfig
        do {
            config = try JSONDecoder().decode(ModelConfig.self, from: Data(json))
        } catch {
            throw AcousticModelError.corrupt(source: source, reason: "configuration does not decode: \(error)")
        }
        let start = reader.offset
        let parameters = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBufferPointer { raw in
                for i in 0..<count {
                    let at = start + 4 * i
                    let bits = UInt32(raw[at]) | UInt32(raw[at + 1]) << 8 | UInt32(raw[at + 2]) << 16 | UInt32(raw[at + 3]) << 24
                    buffer[i] = Float(bitPattern: bits)
                }
            }
            initialized = count
        }
        do {
            try self.init(config: config, parameters: parameters)
        } catch let error as AcousticModelError {
            throw AcousticModelError.corrupt(source: source, reason: error.description)
        }
    }
}

private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
}

private extension FixedWidthInteger {
    init<Bytes: Collection>(littleEndianBytes bytes: Bytes) where Bytes.Element == UInt8 {
        var value: Self = 0
        for (i, byte) in bytes.prefix(MemoryLayout<Self>.size).enumerated() { value |= Self(byte) << (8 * i) }
        self = value
    }
}

/// Sequential little-endian reads that report truncation instead of trapping.
private struct ByteReader {
    let bytes: [UInt8]
    let source: String
    var offset = 0

    mutating func read<T: FixedWidthInteger>(expectedTotal: Int) throws -> T {
        let raw = try self.bytes(MemoryLayout<T>.size, expectedTotal: expectedTotal)
        return T(littleEndianBytes: raw)
    }

    mutating func bytes(_ count: Int, expectedTotal: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else {
            throw AcousticModelError.truncated(source: source, expectedBytes: max(expectedTotal, offset + count), actualBytes: bytes.count)
        }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }
}
