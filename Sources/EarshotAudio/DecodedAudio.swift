/// A decoded file: its samples and the name of the format they were stored in.
public struct DecodedAudio: Sendable, Equatable {
    public var waveform: Waveform
    /// libsndfile's description of the container and encoding.
    public var formatName: String
}
