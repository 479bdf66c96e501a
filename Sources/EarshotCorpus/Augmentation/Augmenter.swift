import EarshotAudio
import EarshotCore

/// Applies an `AugmentationPlan` to one waveform, in the order sound meets them: speaking
/// speed, the room (reverberation), background noise, the channel (telephone), the level (gain).
public struct Augmenter: Sendable {
    public var converter: any SampleRateConverter

    public init(converter: any SampleRateConverter = SoxrConverter()) {
        self.converter = converter
    }

    /// The augmented audio and whether the gain drove it into clipping.
    /// `babble` holds other utterances (mono, at the waveform's rate) for babble noise.
    public func apply(_ plan: AugmentationPlan, to waveform: Waveform, babble: [[Float]],
                      using generator: inout SplitMix64) throws(CorpusError) -> (waveform: Waveform, clipped: Bool) {
        var audio = waveform.mono()
        let rate = audio.sampleRate
        if plan.speed != 1 {
            // Kaldi-style: play the samples at a different rate, then resample back.
            let playedRate = Int((Double(rate) * plan.speed).rounded())
            audio = try converter.convert(Waveform(samples: audio.samples, sampleRate: playedRate), to: rate)
        }
        if let decay = plan.reverbDecay {
            audio = Reverberator(decaySeconds: decay).apply(audio)
        }
        if let kind = plan.noise {
            let count = audio.samples.count
            let noise: [Float] = switch kind {
            case .white: NoiseGenerator.white(count: count, using: &generator)
            case .pink: NoiseGenerator.pink(count: count, using: &generator)
            case .car: NoiseGenerator.brown(count: count, using: &generator)
            case .babble: NoiseGenerator.babble(count: count, from: babble, talkers: plan.babbleTalkers, using: &generator)
            }
            // Silent noise would leave the audio clean under a noise tag.
            guard Signal.power(noise) > 0 else { throw .invalidArgument("no \(kind.rawValue) noise to mix (babble needs other utterances)") }
            audio.samples = Signal.mix(speech: audio.samples, noise: noise, snr: plan.snr)
        }
        // Keep the mix from clipping by itself; only an explicit gain may clip.
        Signal.limitPeak(&audio.samples)
        if plan.telephone {
            audio = try TelephoneChannel().apply(audio, converter: converter)
        }
        var clipped = false
        if let gain = plan.gain {
            let factor = Signal.amplitude(decibels: gain)
            for index in audio.samples.indices {
                let value = audio.samples[index] * factor
                if abs(value) > 1 { clipped = true }
                audio.samples[index] = min(1, max(-1, value))
            }
        }
        return (audio, clipped)
    }
}
