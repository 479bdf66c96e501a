import CEspeakNG
import EarshotAudio
import Foundation
import Synchronization

/// eSpeak NG (libespeak-ng, through its C API) rendering text to audio.
///
/// eSpeak NG keeps all of its state in process globals and is not thread-safe, so there is
/// exactly one synthesizer per process (`shared()`), and every call into the library happens
/// under its lock. eSpeak NG also carries state from one utterance to the next (pitch-flutter
/// phase, gain control, echo buffer, libc `rand` for breathy voices) and offers no way to reset
/// it: output is reproducible for the same *sequence* of requests made by a fresh process, which
/// is how `CorpusSynthesizer` renders (in index order). `rand` is reseeded per utterance.
public final class SpeechSynthesizer: Sendable {
    /// Samples per second of eSpeak NG's output (22050 Hz for its formant voices).
    public let sampleRate: Int
    private let lock = Mutex(())

    private static let instance = Result<SpeechSynthesizer, CorpusError> { () throws(CorpusError) in try SpeechSynthesizer() }

    /// The process's synthesizer, initialized on first use.
    public static func shared() throws(CorpusError) -> SpeechSynthesizer {
        try instance.get()
    }

    private init() throws(CorpusError) {
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, Int32(espeakINITIALIZE_DONT_EXIT))
        guard rate > 0 else { throw .synthesis(reason: "espeak_Initialize failed (is espeak-ng-data installed?)") }
        sampleRate = Int(rate)
        espeak_SetSynthCallback { samples, count, events in
            guard let events, let box = events.pointee.user_data else { return 0 }
            let sink = Unmanaged<SampleSink>.fromOpaque(box).takeUnretainedValue()
            if let samples, count > 0 { sink.samples.append(contentsOf: UnsafeBufferPointer(start: samples, count: Int(count))) }
            return 0  // 0 = continue synthesis
        }
    }

    /// Whether eSpeak NG can load the voice (`en-us`, `en-us+f3`); unknown variants are
    /// ignored by eSpeak NG itself, so only the voice part is really checked.
    public func hasVoice(_ name: String) -> Bool {
        lock.withLock { _ in espeak_SetVoiceByName(name) == EE_OK }
    }

    /// Speaks `text` with `profile`; `randomSeed` seeds the noise of breathy variants.
    public func render(_ text: String, profile: VoiceProfile, randomSeed: UInt32 = 1) throws(CorpusError) -> Waveform {
        try profile.checkProsody()
        let pcm: [Int16] = try lock.withLock { _ throws(CorpusError) in
            guard espeak_SetVoiceByName(profile.espeakName) == EE_OK else {
                throw .synthesis(reason: "eSpeak NG has no voice \"\(profile.espeakName)\"")
            }
            espeak_SetParameter(espeakRATE, Int32(profile.rate), 0)
            espeak_SetParameter(espeakPITCH, Int32(profile.pitch), 0)
            espeak_SetParameter(espeakRANGE, Int32(profile.range), 0)
            srand(randomSeed)
            let sink = SampleSink()
            let status = withExtendedLifetime(sink) {
                let bytes = text.utf8.count + 1
                return espeak_Synth(text, bytes, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, Unmanaged.passUnretained(sink).toOpaque())
            }
            guard status == EE_OK else { throw .synthesis(reason: "espeak_Synth returned \(status.rawValue) for \"\(text)\"") }
            return sink.samples
        }
        guard !pcm.isEmpty else { throw .synthesis(reason: "no audio for \"\(text)\" with voice \(profile.espeakName)") }
        return Waveform(samples: pcm.map { Float($0) / 32768 }, sampleRate: sampleRate)
    }
}

/// Collects the 16-bit samples eSpeak NG hands to its callback; passed as `user_data`.
private final class SampleSink {
    var samples: [Int16] = []
}
