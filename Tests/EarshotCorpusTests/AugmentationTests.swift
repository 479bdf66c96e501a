import EarshotAudio
import EarshotCore
import Foundation
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct AugmentationTests {
    @Test(arguments: NoiseKind.allCases, [0.0, 5, 10, 20])
    func mixesNoiseAtTheRequestedSNR(kind: NoiseKind, snr: Double) throws {
        let speech = try TestSupport.speech()
        let others = try ["call.wav", "timer.wav"].map { try TestSupport.speech($0).samples }
        var generator = SplitMix64(seed: 42)
        let plan = AugmentationPlan(noise: kind, snr: snr)
        let (mixed, clipped) = try Augmenter().apply(plan, to: speech, babble: others, using: &generator)
        #expect(!clipped)
        #expect(mixed.frameCount == speech.frameCount)
        let measured = Signal.measuredSNR(mixed: mixed.samples, speech: speech.samples)
        #expect(abs(measured - snr) < 0.5, "\(kind) at \(snr) dB measured \(measured) dB")
    }

    @Test func colouredNoiseHasItsSpectralTilt() {
        var generator = SplitMix64(seed: 1)
        let count = 64000
        // Energy in a low band against a high band, after first differences (a high-pass).
        func highToLow(_ noise: [Float]) -> Double {
            let differences = zip(noise.dropFirst(), noise).map { $0 - $1 }
            return Signal.power(differences) / Signal.power(noise)
        }
        let white = highToLow(NoiseGenerator.white(count: count, using: &generator))
        let pink = highToLow(NoiseGenerator.pink(count: count, using: &generator))
        let brown = highToLow(NoiseGenerator.brown(count: count, using: &generator))
        #expect(white > pink && pink > brown)
        #expect(abs(white - 2) < 0.1)  // white noise: differences double the power
    }

    @Test func telephoneChannelIsEightKilohertzAndBandLimited() throws {
        let channel = TelephoneChannel()
        let converter = SoxrConverter()
        func level(_ frequency: Double) throws -> Double {
            let out = try channel.apply(TestSupport.sine(frequency: frequency, seconds: 1, sampleRate: 16000), converter: converter)
            #expect(out.sampleRate == 8000)
            return TestSupport.rms(out.samples.dropFirst(800)) / TestSupport.rms(TestSupport.sine(frequency: frequency, seconds: 1, sampleRate: 8000).samples)
        }
        #expect(try level(1000) > 0.9)
        #expect(try level(100) < 0.15)
        #expect(try level(3900) < 0.2)
    }

    @Test func speedPerturbationChangesDuration() throws {
        let speech = try TestSupport.speech()
        var generator = SplitMix64(seed: 1)
        for speed in [0.9, 1.1] {
            let (out, _) = try Augmenter().apply(AugmentationPlan(speed: speed), to: speech, babble: [], using: &generator)
            #expect(abs(out.durationSeconds - speech.durationSeconds / speed) < 0.01)
        }
    }

    @Test func gainScalesAndRecordsClipping() throws {
        let speech = try TestSupport.speech()
        var generator = SplitMix64(seed: 1)
        let (quiet, quietClipped) = try Augmenter().apply(AugmentationPlan(gain: -12), to: speech, babble: [], using: &generator)
        #expect(!quietClipped)
        #expect(abs(20 * log10(TestSupport.rms(quiet.samples) / TestSupport.rms(speech.samples)) + 12) < 0.1)
        let (_, loudClipped) = try Augmenter().apply(AugmentationPlan(gain: 20), to: speech, babble: [], using: &generator)
        #expect(loudClipped)
    }

    @Test func reverberationAddsADecayingTail() {
        let click = Waveform(samples: [1] + [Float](repeating: 0, count: 15999), sampleRate: 16000)
        let out = Reverberator(decaySeconds: 0.5, wet: 1).apply(click)
        #expect(out.frameCount == 16000 + 8000)
        let early = TestSupport.rms(out.samples[800..<2400]), late = TestSupport.rms(out.samples[6400..<8000])
        #expect(early > 0 && late > 0)
        // 0.3 s between the windows: about 36 dB of decay at RT60 = 0.5 s.
        let decay = 20 * log10(early / late)
        #expect(decay > 25 && decay < 50, "decay \(decay) dB")
    }

    @Test func planTagsNameEveryAugmentation() {
        let plan = AugmentationPlan(speed: 1.1, reverbDecay: 0.4, noise: .car, snr: 10, telephone: true, gain: -12)
        #expect(plan.tags == ["speed": "1.1", "reverb": "0.4", "noise": "car", "snr": "10", "bandwidth": "8k", "gain": "-12"])
        #expect(AugmentationPlan().tags.isEmpty)
        var policy = AugmentationPolicy()
        policy.noiseProbability = 1.5
        #expect(policy.problem() != nil)
    }

    @Test func babbleWithoutOtherTalkersIsNeverTaggedSilently() async throws {
        let speech = try TestSupport.speech()
        var generator = SplitMix64(seed: 1)
        #expect(throws: CorpusError.self) {
            try Augmenter().apply(AugmentationPlan(noise: .babble, snr: 10), to: speech, babble: [], using: &generator)
        }
        // A one-utterance corpus has nobody to babble: it gets the other noises instead.
        let folder = try TestSupport.temporaryDirectory()
        let single = Manifest(entries: [ManifestEntry(id: "w", audio: TestSupport.speechFixtures + "/weather.wav", text: "w",
                                                      duration: speech.durationSeconds, speaker: "s")])
        var policy = AugmentationPolicy()
        policy.noiseProbability = 1
        let result = try await CorpusAugmenter(policy: policy, seed: 2, copies: 6).augment(single, manifestPath: folder + "/m.jsonl", into: folder)
        #expect(result.failures.isEmpty)
        #expect(result.manifest.entries.allSatisfy { $0.tags["noise"] != nil && $0.tags["noise"] != "babble" })
    }

    @Test func augmentsACorpusDeterministicallyWithTags() async throws {
        let folder = try TestSupport.temporaryDirectory()
        let names = ["call.wav", "timer.wav", "weather.wav"]
        let input = Manifest(entries: try names.map { name in
            let audio = try TestSupport.speech(name)
            return ManifestEntry(id: String(name.dropLast(4)), audio: TestSupport.speechFixtures + "/" + name, text: "words",
                                 duration: audio.durationSeconds, speaker: name, tags: ["voice": "x"])
        } + [ManifestEntry(id: "missing", audio: folder + "/nowhere.wav", text: "gone", duration: 1, speaker: "s")])
        var policy = AugmentationPolicy()
        policy.noiseProbability = 1
        policy.telephoneProbability = 0.5
        let augmenter = CorpusAugmenter(policy: policy, seed: 5, copies: 2, includeOriginals: true)
        let first = try await augmenter.augment(input, manifestPath: folder + "/in.jsonl", into: folder + "/a")
        let second = try await augmenter.augment(input, manifestPath: folder + "/in.jsonl", into: folder + "/b")
        #expect(first == second)
        #expect(first.failures.map(\.item) == ["missing"])
        #expect(first.manifest.entries.count == 3 * 3)
        for entry in first.manifest.entries where entry.tags["augmented_from"] != nil {
            #expect(entry.tags["noise"] != nil && entry.tags["snr"] != nil && entry.tags["voice"] == "x")
            let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a/" + entry.audio))
            let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b/" + entry.audio))
            #expect(a == b)
            let audio = try AudioFile.read(path: folder + "/a/" + entry.audio)
            #expect(audio.sampleRate == (entry.tags["bandwidth"] == "8k" ? 8000 : 16000))
            #expect(abs(audio.durationSeconds - entry.duration) < 1e-3)
        }
        let originals = first.manifest.entries.filter { $0.tags["augmented_from"] == nil }
        #expect(originals.map(\.id) == ["call", "timer", "weather"])
    }
}
