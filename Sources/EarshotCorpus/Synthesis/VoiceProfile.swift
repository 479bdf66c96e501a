/// How one utterance is spoken: an eSpeak NG voice and variant, rate and pitch.
public struct VoiceProfile: Sendable, Equatable, Hashable, Codable {
    /// eSpeak NG voice name (`en-us`, `en-gb-scotland`, ...).
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

    /// The name eSpeak NG selects: `voice+variant`.
    public var espeakName: String { variant.isEmpty ? voice : "\(voice)+\(variant)" }

    /// The speaker identity for splits: one voice and variant is one "speaker", whatever the
    /// rate and pitch, so that no voice leaks between training and test.
    public var speaker: String { espeakName }

    /// Manifest tags recording how the utterance was synthesized.
    public var tags: [String: String] {
        ["source": "espeak-ng", "voice": voice, "variant": variant.isEmpty ? "none" : variant,
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

    /// Every voice-and-variant combination, i.e. every speaker this catalog can produce.
    public var speakers: [String] {
        voices.flatMap { voice in variants.map { VoiceProfile(voice: voice, variant: $0).speaker } }
    }

    public func randomProfile(using generator: inout some RandomNumberGenerator) -> VoiceProfile {
        VoiceProfile(voice: voices.randomElement(using: &generator) ?? "en-us",
                     variant: variants.randomElement(using: &generator) ?? "",
                     rate: Int.random(in: rates, using: &generator),
                     pitch: Int.random(in: pitches, using: &generator),
                     range: Int.random(in: ranges, using: &generator))
    }
}
