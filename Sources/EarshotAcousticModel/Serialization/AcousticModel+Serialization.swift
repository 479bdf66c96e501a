import Foundation

/// The model's binary format (integers little-endian, lengths UInt64):
///
///     magic "ESAM" · format version (UInt32) = 1
///     configuration JSON (ModelConfig): length, bytes
///     parameters: count, Float32 bit patterns
///     CRC-32 (UInt32) of every byte before it
extension AcousticModel {
    public static let fileMagic: [UInt8] = Array("ESAM".utf8)
    public static let fileFormatVersion: UInt32 = 1
    static let maximumConfigurationBytes = 1 << 20

    /// The weights and configuration as one versioned, checksummed blob.
    public func serialized() throws -> Data {
        var writer = BinaryWriter(magic: Self.fileMagic, version: Self.fileFormatVersion)
        writer.appendBlock(try Self.encodeJSON(config))
        writer.appendFloats(parameters)
        return writer.finished()
    }

    /// Reads a blob written by `serialized()`. `source` names it in errors (a path, or "model").
    public init(serialized data: Data, source: String = "model") throws {
        var reader = try BinaryReader(data, magic: Self.fileMagic, version: Self.fileFormatVersion, source: source)
        let json = try reader.readBlock(limit: Self.maximumConfigurationBytes)
        let parameters = try reader.readFloats(limit: ModelConfig.maximumParameterCount)
        try reader.verifyChecksum()
        let config: ModelConfig = try Self.decodeJSON(json, source: source, what: "model configuration")
        do {
            try self.init(config: config, parameters: parameters)
        } catch let error as AcousticModelError {
            throw AcousticModelError.corrupt(source: source, reason: error.description)
        }
    }

    static func encodeJSON(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func decodeJSON<T: Decodable>(_ bytes: ArraySlice<UInt8>, source: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as AcousticModelError {
            throw AcousticModelError.corrupt(source: source, reason: "\(what): \(error.description)")
        } catch {
            throw AcousticModelError.corrupt(source: source, reason: "\(what) does not decode: \(error)")
        }
    }
}
