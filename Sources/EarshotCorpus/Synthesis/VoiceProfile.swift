/// The synthesizers a corpus can be rendered with.
public enum SynthesisEngine: String, Sendable, Codable, CaseIterable {
    /// eSpeak NG's formant voices.
    case espeak
    /// Flite's voices built from recordings of real speakers.
    case flite

    /// The engine that owns a voice name (Flite's names never start with "en").
    public static func owning(voice: String) -> SynthesisEngine {
        FliteSynthesizer.voiceNames.contains(voice) ? .flite : .espeak
    }
}

/// How one utterance is spoken: a voice (eSpeak NG or Flite) and variant, rate and pitch.
public struct VoiceProfile: Sendable, Equatable, Hashable, Codable {
    /// eSpeak NG voice name (`en-us`, `en-gb-scotland`, ...) or Flite voice (`awb`, `slt`, ...).
    public var voice: String
    /// Voice variant (`m3`, `f2`, `croak`), or empty for the voice's own.
    public var variant: String
    /// Words per minute (eSpeak NG accepts 80...450).
    public var rate: Int
    /// Base pitch, 0...100 (50 is the voice's normal).
    public var pitch: Int
    /// Pitch range, 0...100 (0 is monotone, 50 normal).
    public var range: Int

    public init(voice: String, variant: String = "", rate: Int = 175, pitch: Int = 50, range: Int = 50) {
        self.voice = voice
        self.variant = variant
        self.rate = rate
        self.pitch = pitch
        self.range = range
    }

    public var engine: SynthesisEngine { SynthesisEngine.owning(voice: voice) }

    /// The ranges both engines accept (eSpeak NG's own): rate 80...450 words per minute, pitch
    /// and range 0...100.
    func checkProsody() throws(CorpusError) {
        guard (80...450).contains(rate) else { throw .invalidArgument("rate \(rate) outside 80...450 words per minute") }
        guard (0...100).contains(pitch), (0...100).contains(range) else {
            throw .invalidArgument("pitch \(pitch) and range \(range) must be within 0...100")
        }
    }

    /// The name eSpeak NG selects: `voice+variant`.
    public var espeakName: String { variant.isEmpty ? voice : "\(voice)+\(variant)" }

    /// The speaker identity for splits: one voice and variant is one "speaker", whatever the
    /// rate and pitch, so that no voice leaks between training and test (`flite-awb` for Flite).
    public var speaker: String { engine == .flite ? "flite-\(voice)" : espeakName }

    /// Manifest tags recording how the utterance was synthesized; `source` names the engine.
    public var tags: [String: String] {
        ["source": engine == .flite ? "flite" : "espeak-ng", "voice": voice, "variant": variant.isEmpty ? "none" : variant,
         "rate": String(rate), "pitch": String(pitch), "range": String(range)]
    }
}

/// The voices, variants and prosody ranges a synthesized corpus draws from.
public struct VoiceCatalog: Sendable, Equatable {
    public var voices: [String]
    public var variants: [String]
    public var rates: ClosedRange<Int>
    public var pitches: ClosedRange<Int>
    public var ranges: ClosedRange<Int>

    public init(voices: [String], variants: [String], rates: ClosedRange<Int>, pitches: ClosedRange<Int>, ranges: ClosedRange<Int>) {
        self.voices = voices
        self.variants = variants
        self.rates = rates
        self.pitches = pitches
        self.ranges = ranges
    }

    /// English voices of eSpeak NG 1.51 (its own formant voices; the MBROLA ones need extra
    /// packages) with the male, female and creaky variants that stay intelligible. Whisper
    /// and the novelty variants are left out. "en" is British English.
    public static let english = VoiceCatalog(
        voices: ["en-us", "en", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc"],
        variants: ["", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5", "croak", "klatt"],
        rates: 130...210, pitches: 25...75, ranges: 30...80)

    /// Flite's English voices (variants do not apply to them).
    public static let flite = VoiceCatalog(
        voices: FliteSynthesizer.voiceNames, variants: [""], rates: 130...210, pitches: 25...75, ranges: 30...80)

    /// The catalog of `engine`, or of both.
    public static func forEngines(_ engines: [SynthesisEngine]) -> VoiceCatalog {
        var catalog = engines.contains(.espeak) ? english : flite
        if engines.contains(.espeak) && engines.contains(.flite) { catalog.voices += flite.voices }
        return catalog
    }

    /// Every voice-and-variant combination, i.e. every speaker this catalog can produce.
    public var speakers: [String] {
        var seen = Set<String>()
        return voices.flatMap { voice in variants.map { VoiceProfile(voice: voice, variant: $0).speaker } }
            .filter { seen.insert($0).inserted }
    }

    public func randomProfile(using generator: inout some RandomNumberGenerator) -> VoiceProfile {
        var profile = VoiceProfile(voice: voices.randomElement(using: &generator) ?? "en-us",
                                   variant: variants.randomElement(using: &generator) ?? "",
                                   rate: Int.random(in: rates, using: &generator),
                                   pitch: Int.random(in: pitches, using: &generator),
                                   range: Int.random(in: ranges, using: &generator))
        if profile.engine == .flite { profile.variant = "" }  // drawn all the same, so streams stay aligned
        if FliteSynthesizer.fixedProsodyVoices.contains(profile.voice) { (profile.rate, profile.pitch, profile.range) = (175, 50, 50) }
        return profile
    }
}
