import EarshotAcousticModel
import EarshotCore
import EarshotDecoder
import Foundation

/// The model file (`.earshot`), integers little-endian:
///
///     magic "EARSHOT" 0x1A (8 bytes) · format version (UInt32) = 1
///     header JSON: length (UInt64), bytes — metadata, features, decoder settings, lexicon
///         (Kaldi lexicon.txt text), language model (ARPA text), units (for readers)
///     acoustic model blob (EarshotAcousticModel's "ESAM" format): length (UInt64), bytes
///     CRC-32 (UInt32) of every byte before it
///
/// Text parts stay readable with `strings`; the checksum is verified before anything is decoded.
extension ModelBundle {
    public static let fileMagic: [UInt8] = Array("EARSHOT".utf8) + [0x1A]
    public static let fileFormatVersion: UInt32 = 1
    /// Largest header accepted (lexicon, LM and statistics included).
    static let maximumHeaderBytes = 256 << 20

    struct Header: Codable {
        var metadata: BundleMetadata
        var features: FeatureSettings
        var decoder: BeamSearchConfiguration
        var units: UnitInventory
        var lexicon: String?
        var languageModelARPA: String?
        /// Absent in bundles written before calibration existed: they decode as uncalibrated.
        var confidenceCalibration: ConfidenceCalibration?
    }

    public func encoded() throws -> Data {
        let header = Header(metadata: metadata, features: features, decoder: decoder, units: model.units,
                            lexicon: lexicon?.formatted(), languageModelARPA: languageModel?.arpa(),
                            confidenceCalibration: confidenceCalibration)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = try encoder.encode(header)
        let modelBytes = try model.serialized()
        var bytes = Self.fileMagic
        Self.append(Self.fileFormatVersion, to: &bytes)
        Self.append(UInt64(headerBytes.count), to: &bytes)
        bytes += headerBytes
        Self.append(UInt64(modelBytes.count), to: &bytes)
        bytes += modelBytes
        Self.append(CRC32.checksum(bytes), to: &bytes)
        return Data(bytes)
    }

    /// Writes atomically (temporary file, then rename).
    public func write(to path: String) throws {
        do {
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as RecognizerError {
            throw error
        } catch {
            throw RecognizerError.unreadable(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    public init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RecognizerError.unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(data: data, source: path)
    }

    /// Decodes a file's bytes; `source` names it in errors.
    public init(data: Data, source: String = "model") throws {
        let bytes = [UInt8](data)
        var cursor = BundleCursor(bytes: bytes, source: source)
        guard bytes.count >= Self.fileMagic.count else {
            throw bytes.isEmpty || !Self.fileMagic.starts(with: bytes)
                ? RecognizerError.notABundle(source: source)
                : RecognizerError.truncated(source: source, reason: "only \(bytes.count) bytes")
        }
        guard try cursor.take(Self.fileMagic.count).elementsEqual(Self.fileMagic) else {
            throw RecognizerError.notABundle(source: source)
        }
        let version: UInt32 = try cursor.integer()
        guard version == Self.fileFormatVersion else {
            throw RecognizerError.unsupportedVersion(source: source, version: version, supported: Self.fileFormatVersion)
        }
        let headerBytes = try cursor.block(limit: Self.maximumHeaderBytes, what: "header")
        let modelBytes = try cursor.block(limit: Int.max, what: "acoustic model")
        let checked = cursor.position
        let stored: UInt32 = try cursor.integer()
        guard cursor.position == bytes.count else {
            throw RecognizerError.corrupt(source: source, reason: "\(bytes.count - cursor.position) unexpected bytes after the checksum")
        }
        let computed = CRC32.checksum(bytes[..<checked])
        guard stored == computed else { throw RecognizerError.checksumMismatch(source: source, stored: stored, computed: computed) }

        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
        } catch {
            throw RecognizerError.corrupt(source: source, reason: "header does not decode: \(error)")
        }
        do {
            model = try AcousticModel(serialized: Data(modelBytes), source: source)
            lexicon = try header.lexicon.map { try Lexicon.parse($0, source: "\(source) lexicon") }
            languageModel = try header.languageModelARPA.map { try NGramLanguageModel.parseARPA($0, source: "\(source) language model") }
        } catch {
            throw RecognizerError.corrupt(source: source, reason: "\(error)")
        }
        guard header.units == model.units else {
            throw RecognizerError.corrupt(source: source, reason: "header units differ from the network's units")
        }
        metadata = header.metadata
        features = header.features
        decoder = header.decoder
        confidenceCalibration = header.confidenceCalibration
        try validate()
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}

/// Reads fields off the front of a bundle, turning every overrun into a "truncated" error.
struct BundleCursor {
    let bytes: [UInt8]
    let source: String
    private(set) var position = 0

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw RecognizerError.truncated(source: source, reason: "needs \(count) bytes at offset \(position), \(bytes.count - position) left")
        }
        defer { position += count }
        return bytes[position ..< position + count]
    }

    mutating func integer<T: FixedWidthInteger>() throws -> T {
        var value: T = 0
        for (index, byte) in try take(MemoryLayout<T>.size).enumerated() { value |= T(byte) << (8 * index) }
        return value
    }

    /// A UInt64-length-prefixed block of at most `limit` bytes.
    mutating func block(limit: Int, what: String) throws -> ArraySlice<UInt8> {
        let length: UInt64 = try integer()
        guard length <= UInt64(bytes.count - position) else {
            throw RecognizerError.truncated(source: source, reason: "\(what) needs \(length) bytes, \(bytes.count - position) left")
        }
        guard length <= UInt64(limit) else {
            throw RecognizerError.corrupt(source: source, reason: "\(what) of \(length) bytes exceeds the limit of \(limit)")
        }
        return try take(Int(length))
    }
}
