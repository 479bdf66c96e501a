/// What Earshot's data stage measures about one recording. Levels in dB are nil where they are
/// undefined (the peak and RMS of digital silence, the loudness of audio below the gate).
public struct AudioStats: Codable, Sendable, Equatable {
    /// The file or upload measured, when known.
    public var file: String?
    /// libsndfile's description of the container and encoding, when decoded from a file.
    public var format: String?
    public var durationSeconds: Double
    public var sampleRate: Int
    public var channels: Int
    public var frames: Int
    /// Highest sample magnitude, dB relative to full scale.
    public var peakDBFS: Double?
    /// Root mean square over all samples of all channels, dBFS (a full-scale sine reads −3.01).
    public var rmsDBFS: Double?
    /// ITU-R BS.1770 integrated loudness.
    public var integratedLUFS: Double?
    /// EBU R128 loudness range.
    public var loudnessRangeLU: Double?
    /// Fraction of samples at full scale (within one 16-bit step).
    public var clippedFraction: Double
    /// Mean sample value, linear (0 for no offset).
    public var dcOffset: Double
    /// Signal-to-noise estimate from frame-energy percentiles; see `SNREstimator`.
    public var snrDB: Double?
    /// RMS below `AudioStats.nearSilentRMSDBFS` (or digital silence).
    public var isNearSilent: Bool

    /// Below this RMS level a recording is treated as near-silent.
    public static let nearSilentRMSDBFS = -60.0

    /// Measures `waveform`; `file` and `format` label the result.
    public init(measuring waveform: Waveform, file: String? = nil, format: String? = nil) throws(AudioError) {
        let levels = SignalLevels(waveform.samples)
        let loudness = try LoudnessMeter.measure(waveform)
        let rms = SignalLevels.decibels(power: levels.meanSquare)
        self.file = file
        self.format = format
        self.durationSeconds = waveform.durationSeconds
        self.sampleRate = waveform.sampleRate
        self.channels = waveform.channelCount
        self.frames = waveform.frameCount
        self.peakDBFS = SignalLevels.decibels(amplitude: levels.peak)
        self.rmsDBFS = rms
        self.integratedLUFS = loudness.integratedLUFS
        self.loudnessRangeLU = loudness.rangeLU
        self.clippedFraction = levels.clippedFraction
        self.dcOffset = levels.mean
        self.snrDB = SNREstimator.estimate(waveform.mono())
        self.isNearSilent = (rms ?? -.infinity) < Self.nearSilentRMSDBFS
    }

    /// Writes every field, undefined levels as `null`, so each JSON line has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(format, forKey: .format)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(sampleRate, forKey: .sampleRate)
        try container.encode(channels, forKey: .channels)
        try container.encode(frames, forKey: .frames)
        try container.encode(peakDBFS, forKey: .peakDBFS)
        try container.encode(rmsDBFS, forKey: .rmsDBFS)
        try container.encode(integratedLUFS, forKey: .integratedLUFS)
        try container.encode(loudnessRangeLU, forKey: .loudnessRangeLU)
        try container.encode(clippedFraction, forKey: .clippedFraction)
        try container.encode(dcOffset, forKey: .dcOffset)
        try container.encode(snrDB, forKey: .snrDB)
        try container.encode(isNearSilent, forKey: .isNearSilent)
    }
}
