/// libsndfile quietly shortens a WAV or AIFF whose data chunk declares more bytes than the file
/// holds. Earshot wants to know: a shortfall is a truncated file, or a header lying about its
/// size. This walks the chunk headers of RIFF/WAVE and FORM/AIFF(-C) containers to find it.
enum ContainerCheck {
    struct Shortfall: Equatable {
        var declaredBytes: Int64
        var availableBytes: Int64
    }

    /// Sizes that streaming writers put in a header before they know the length.
    private static let unknownLengthMarkers: Set<UInt32> = [0, 0xFFFF_FFFF]

    /// The audio data chunk's declared and available sizes, when the first exceeds the second.
    static func shortfall(in source: any ByteSource) -> Shortfall? {
        let header = source.bytes(at: 0, count: 12)
        guard header.count == 12 else { return nil }
        let magic = String(decoding: header[0..<4], as: UTF8.self)
        let form = String(decoding: header[8..<12], as: UTF8.self)
        switch (magic, form) {
        case ("RIFF", "WAVE"): return walk(source, dataChunk: "data", bigEndian: false)
        case ("FORM", "AIFF"), ("FORM", "AIFC"): return walk(source, dataChunk: "SSND", bigEndian: true)
        default: return nil
        }
    }

    private static func walk(_ source: any ByteSource, dataChunk: String, bigEndian: Bool) -> Shortfall? {
        var offset: Int64 = 12
        while offset + 8 <= source.length {
            let chunkHeader = source.bytes(at: offset, count: 8)
            guard chunkHeader.count == 8 else { return nil }
            let id = String(decoding: chunkHeader[0..<4], as: UTF8.self)
            let size = readUInt32(chunkHeader[4..<8], bigEndian: bigEndian)
            let bodyStart = offset + 8
            if id == dataChunk {
                guard !unknownLengthMarkers.contains(size) else { return nil }
                let available = source.length - bodyStart
                // One byte of slack: writers disagree about the pad byte after an odd-sized chunk.
                return Int64(size) > available + 1 ? Shortfall(declaredBytes: Int64(size), availableBytes: available) : nil
            }
            offset = bodyStart + Int64(size) + Int64(size & 1)
        }
        return nil
    }

    private static func readUInt32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> UInt32 {
        let ordered = bigEndian ? Array(bytes) : bytes.reversed()
        return ordered.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
