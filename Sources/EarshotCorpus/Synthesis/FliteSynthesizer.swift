import CFlite
import EarshotAudio
import Foundation
import Synchronization

/// Flite (CMU's small synthesis engine, through its C API) rendering text to audio with voices
/// built from recordings of real speakers: kal (diphone, 8 kHz), kal16 (diphone, 16 kHz), and
/// the statistical-parametric voices awb, rms and slt (16 kHz). A second engine beside eSpeak
/// NG, so a model can be trained on some synthesizers and tested on another.
///
/// Flite's voices are process globals with mutable feature tables, so there is one synthesizer
/// per process and every call happens under its lock; `rand` is reseeded per utterance. Like
/// eSpeak NG, the statistical voices carry state from one utterance to the next, so output is
/// reproducible for the same sequence of requests from a fresh process.
public final class FliteSynthesizer: Sendable {
    /// The voices this build links, by Earshot's name for them.
    public static let voiceNames = ["kal", "kal16", "awb", "rms", "slt"]
    /// The statistical-parametric voices keep their own rate and pitch: Flite 2.2 ignores
    /// `duration_stretch`, `int_f0_target_mean` and `f0_shift` set on them (measured), so their
    /// profiles say rate 175, pitch 50, range 50.
    public static let fixedProsodyVoices: Set<String> = ["awb", "rms", "slt"]

    private struct Voice: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<cst_voice>
        /// The voice's own mean and spread of F0 (Hz), which pitch and range scale.
        let f0Mean: Float
        let f0Spread: Float
    }

    private let voices: Mutex<[String: Voice]>

    private static let instance = Result<FliteSynthesizer, CorpusError> { () throws(CorpusError) in try FliteSynthesizer() }

    /// The process's synthesizer, initialized on first use.
    public static func shared() throws(CorpusError) -> FliteSynthesizer { try instance.get() }

    private init() throws(CorpusError) {
        flite_init()
        var loaded: [String: Voice] = [:]
        let registrations: [(String, () -> UnsafeMutablePointer<cst_voice>?)] = [
            ("kal", { register_cmu_us_kal(nil) }), ("kal16", { register_cmu_us_kal16(nil) }),
            ("awb", { register_cmu_us_awb(nil) }), ("rms", { register_cmu_us_rms(nil) }), ("slt", { register_cmu_us_slt(nil) }),
        ]
        for (name, register) in registrations {
            guard let voice = register() else { throw .synthesis(reason: "Flite could not load its voice \(name)") }
            loaded[name] = Voice(pointer: voice, f0Mean: get_param_float(voice.pointee.features, "int_f0_target_mean", 110),
                                 f0Spread: get_param_float(voice.pointee.features, "int_f0_target_stddev", 15))
        }
        voices = Mutex(loaded)
    }

    public func hasVoice(_ name: String) -> Bool { voices.withLock { $0[name] != nil } }

    /// Speaks `text` with `profile`'s Flite voice: rate (words per minute, 175 = the voice's
    /// own speed) stretches the diphone voices' durations, pitch (0...100, 50 = the voice's own)
    /// scales F0 by 0.75...1.25 and range the diphone voices' F0 spread by 0.5...1.5.
    public func render(_ text: String, profile: VoiceProfile, randomSeed: UInt32 = 1) throws(CorpusError) -> Waveform {
        try profile.checkProsody()
        let rendered: (samples: [Int16], rate: Int) = try voices.withLock { voices throws(CorpusError) in
            guard let voice = voices[profile.voice] else {
                throw .synthesis(reason: "Flite has no voice \"\(profile.voice)\" (have \(Self.voiceNames.joined(separator: ", ")))")
            }
            let features = voice.pointer.pointee.features
            feat_set_float(features, "duration_stretch", 175 / Float(profile.rate))
            feat_set_float(features, "int_f0_target_mean", voice.f0Mean * (0.75 + Float(profile.pitch) / 200))
            feat_set_float(features, "int_f0_target_stddev", voice.f0Spread * (0.5 + Float(profile.range) / 100))
            srand(randomSeed)
            guard let wave = flite_text_to_wave(text, voice.pointer) else {
                throw .synthesis(reason: "Flite returned no audio for \"\(text)\" with voice \(profile.voice)")
            }
            defer { delete_wave(wave) }
            let count = Int(wave.pointee.num_samples) * max(1, Int(wave.pointee.num_channels))
            let samples = count > 0 ? Array(UnsafeBufferPointer(start: wave.pointee.samples, count: count)) : []
            return (samples, Int(wave.pointee.sample_rate))
        }
        guard !rendered.samples.isEmpty, rendered.rate > 0 else { throw .synthesis(reason: "no audio for \"\(text)\" with voice \(profile.voice)") }
        return Waveform(samples: rendered.samples.map { Float($0) / 32768 }, sampleRate: rendered.rate)
    }
}
