import EarshotAudio

/// Changes a waveform's sample rate. Synthesis (eSpeak NG's 22.05 kHz to 16 kHz) and
/// augmentation (telephone channel, speed perturbation) take one as a parameter so that a test
/// or another library can be swapped in; the default is EarshotAudio's libsamplerate resampler.
public protocol SampleRateConverter: Sendable {
    func convert(_ waveform: Waveform, to sampleRate: Int) throws(CorpusError) -> Waveform
}

/// libsamplerate through `EarshotAudio.Resampler`. Its fastest band-limited sinc converter by
/// default: it keeps 80% of the band (6.4 kHz at 16 kHz, above what speech features use) at
/// about a ninth of the best converter's cost, and it runs once or twice per utterance in
/// batches of thousands (resampling dominates `corpus synth` otherwise).
public struct LibsamplerateConverter: SampleRateConverter {
    public var quality: ResamplerQuality

    public init(quality: ResamplerQuality = .fastest) {
        self.quality = quality
    }

    public func convert(_ waveform: Waveform, to sampleRate: Int) throws(CorpusError) -> Waveform {
        do throws(AudioError) {
            return try Resampler.resample(waveform, to: sampleRate, quality: quality)
        } catch {
            throw .audio(error)
        }
    }
}
