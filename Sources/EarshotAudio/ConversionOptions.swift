/// What `earshot audio convert` does to each file: optional downmix, then resampling.
public struct ConversionOptions: Sendable, Equatable {
    public var sampleRate: Int
    /// Average the channels into one before resampling (half the work for stereo).
    public var downmixToMono: Bool
    public var quality: ResamplerQuality

    public init(sampleRate: Int = Resampler.defaultRate, downmixToMono: Bool = true, quality: ResamplerQuality = .high) {
        self.sampleRate = sampleRate
        self.downmixToMono = downmixToMono
        self.quality = quality
    }
}

extension Waveform {
    /// This audio downmixed (if asked) and resampled as `options` say.
    public func converted(_ options: ConversionOptions) throws(AudioError) -> Waveform {
        try (options.downmixToMono ? mono() : self).resampled(to: options.sampleRate, quality: options.quality)
    }
}
