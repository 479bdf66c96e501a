import EarshotDecoder

/// One file's result: the transcript plus the seconds that make a real-time factor one division away.
public struct Recognition: Sendable, Codable, Equatable {
    public var transcript: Transcript
    /// Length of the input audio.
    public var audioSeconds: Double
    /// Wall-clock seconds of features, network and decoding on 16 kHz mono samples (not reading
    /// or resampling the file).
    public var decodeSeconds: Double
    /// CPU seconds the transcribing thread spent on the same work: the compute a core gave this
    /// file, whatever else the machine was doing (all of it when BLAS runs on the calling thread,
    /// as with one BLAS thread, `BLASThreads`' choice when files run in parallel).
    public var cpuSeconds: Double?

    public init(transcript: Transcript, audioSeconds: Double, decodeSeconds: Double, cpuSeconds: Double? = nil) {
        self.transcript = transcript
        self.audioSeconds = audioSeconds
        self.decodeSeconds = decodeSeconds
        self.cpuSeconds = cpuSeconds
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
