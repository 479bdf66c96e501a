/// A decoded file: its samples and the name of the format they were stored in.
public struct DecodedAudio: Sendable, Equatable {
    public var waveform: Waveform
    /// libsndfile's description of the container and encoding.
    public var formatName: String
    /// CPU seconds of the calling thread spent downmixing and resampling while decoding
    /// (`AudioFile.decodeConverted`); 0 when nothing was converted.
    public var conversionCPUSeconds: Double = 0

    public init(waveform: Waveform, formatName: String, conversionCPUSeconds: Double = 0) {
        self.waveform = waveform
        self.formatName = formatName
        self.conversionCPUSeconds = conversionCPUSeconds
    }

    public static func == (a: Self, b: Self) -> Bool { a.waveform == b.waveform && a.formatName == b.formatName }
}
