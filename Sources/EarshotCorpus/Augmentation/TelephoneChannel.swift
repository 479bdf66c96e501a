import EarshotAudio

/// A narrow-band telephone line: band-limited to 300–3400 Hz (fourth-order Butterworth edges)
/// and carried at 8 kHz.
public struct TelephoneChannel: Sendable {
    public static let sampleRate = 8000
    public var lowCutoff = 300.0
    public var highCutoff = 3400.0

    public init() {}

    public func apply(_ waveform: Waveform, converter: some SampleRateConverter) throws(CorpusError) -> Waveform {
        let narrow = try converter.convert(waveform.mono(), to: Self.sampleRate)
        var samples = narrow.samples
        for _ in 0..<2 {
            samples = Biquad.highPass(cutoff: lowCutoff, sampleRate: Self.sampleRate).apply(samples)
            samples = Biquad.lowPass(cutoff: highCutoff, sampleRate: Self.sampleRate).apply(samples)
        }
        return Waveform(samples: samples, sampleRate: Self.sampleRate)
    }
}
