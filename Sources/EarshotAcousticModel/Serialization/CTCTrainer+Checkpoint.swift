import Foundation

/// A training checkpoint: everything `CTCTrainer` needs to continue bit-identically.
///
///     magic "ESCK" · format version (UInt32) = 1
///     model blob (see AcousticModel+Serialization): length, bytes
///     TrainingSettings JSON: length, bytes
///     Adam step (UInt64) · learning-rate scale (Float64 bits)
///     Adam first moments, second moments: count, Float32 bit patterns each
///     CRC-32 (UInt32) of every byte before it
///
/// The training loop's own position (epoch, batch order, early-stopping state) is the caller's.
extension CTCTrainer {
    public static let checkpointMagic: [UInt8] = Array("ESCK".utf8)
    public static let checkpointFormatVersion: UInt32 = 1

    public func checkpoint() throws -> Data {
        var writer = BinaryWriter(magic: Self.checkpointMagic, version: Self.checkpointFormatVersion)
        writer.appendBlock(try model.serialized())
        writer.appendBlock(try AcousticModel.encodeJSON(settings))
        writer.append(UInt64(optimizer.step))
        writer.append(learningRateScale.bitPattern)
        writer.appendFloats(optimizer.firstMoment)
        writer.appendFloats(optimizer.secondMoment)
        return writer.finished()
    }

    public init(checkpoint data: Data, source: String = "checkpoint") throws {
        var reader = try BinaryReader(data, magic: Self.checkpointMagic, version: Self.checkpointFormatVersion, source: source)
        let modelBytes = try reader.readBlock(limit: 16 + AcousticModel.maximumConfigurationBytes + 4 * ModelConfig.maximumParameterCount)
        let settingsJSON = try reader.readBlock(limit: AcousticModel.maximumConfigurationBytes)
        let step: UInt64 = try reader.read()
        let scale = Double(bitPattern: try reader.read())
        let first = try reader.readFloats(limit: ModelConfig.maximumParameterCount)
        let second = try reader.readFloats(limit: ModelConfig.maximumParameterCount)
        try reader.verifyChecksum()
        let model = try AcousticModel(serialized: Data(modelBytes), source: source)
        let settings: TrainingSettings = try AcousticModel.decodeJSON(settingsJSON, source: source, what: "training settings")
        guard step <= UInt64(Int.max), scale.isFinite, scale > 0 else {
            throw AcousticModelError.corrupt(source: source, reason: "optimizer step or learning-rate scale is invalid")
        }
        do {
            let optimizer = try AdamOptimizer(settings: settings.adam, step: Int(step), firstMoment: first, secondMoment: second)
            try self.init(model: model, optimizer: optimizer, settings: settings)
        } catch let error as AcousticModelError {
            throw AcousticModelError.corrupt(source: source, reason: error.description)
        }
        learningRateScale = scale
    }
}
