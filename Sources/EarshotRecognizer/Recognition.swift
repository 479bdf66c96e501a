import EarshotDecoder

/// One file's result: the transcript plus the seconds that make a real-time factor one division away.
public struct Recognition: Sendable, Codable, Equatable {
    public var transcript: Transcript
    /// Length of the input audio.
    public var audioSeconds: Double
    /// Wall-clock seconds of resampling, features, network and decoding (not file reading).
    public var decodeSeconds: Double

    public init(transcript: Transcript, audioSeconds: Double, decodeSeconds: Double) {
        self.transcript = transcript
        self.audioSeconds = audioSeconds
        self.decodeSeconds = decodeSeconds
    }
}

/// Per-run changes to the bundle's decoder settings (nil keeps the bundle's value).
public struct DecoderOverrides: Sendable, Equatable {
    public var beamWidth: Int?
    public var languageModelWeight: Double?
    /// Best-path decoding without lexicon or LM.
    public var greedy = false

    public init(beamWidth: Int? = nil, languageModelWeight: Double? = nil, greedy: Bool = false) {
        self.beamWidth = beamWidth
        self.languageModelWeight = languageModelWeight
        self.greedy = greedy
    }
}
