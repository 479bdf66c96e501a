import EarshotAudio

/// Changes a waveform's sample rate. Synthesis (eSpeak NG's 22.05 kHz to 16 kHz) and
/// augmentation (telephone channel, speed perturbation) take one as a parameter so that a test
/// or another library can be swapped in; the default is EarshotAudio's libsoxr resampler.
public protocol SampleRateConverter: Sendable {
    func convert(_ waveform: Waveform, to sampleRate: Int) throws(CorpusError) -> Waveform
}

/// libsoxr through `EarshotAudio.Resampler`. Its medium preset by default (16-bit precision,
/// well above what speech features resolve): it runs once or twice per utterance in batches of
/// thousands, so it is kept cheap.
public struct SoxrConverter: SampleRateConverter {
    public var quality: ResamplerQuality

    public init(quality: ResamplerQuality = .medium) {
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
