import EarshotAudio
import Foundation
import Testing
@testable import EarshotCorpus

/// The second synthesizer: Flite's voices of real speakers, deterministic and tagged by engine.
@Suite(.timeLimit(.minutes(5))) struct FliteTests {
    @Test func everyVoiceSpeaksAndRateAndPitchTakeEffect() throws {
        let flite = try FliteSynthesizer.shared()
        for voice in FliteSynthesizer.voiceNames {
            let audio = try flite.render("call five five five one two three four", profile: VoiceProfile(voice: voice))
            #expect(audio.sampleRate == (voice == "kal" ? 8000 : 16000), "\(voice)")
            #expect(audio.durationSeconds > 1 && audio.durationSeconds < 6, "\(voice)")
            #expect(TestSupport.rms(audio.samples) > 0.01, "\(voice)")
        }
        let normal = try flite.render("navigate to the nearest gas station", profile: VoiceProfile(voice: "kal16", rate: 175))
        let slow = try flite.render("navigate to the nearest gas station", profile: VoiceProfile(voice: "kal16", rate: 120))
        #expect(slow.durationSeconds > normal.durationSeconds * 1.2)
        let low = try flite.render("hello there", profile: VoiceProfile(voice: "kal16", pitch: 0))
        let high = try flite.render("hello there", profile: VoiceProfile(voice: "kal16", pitch: 100))
        #expect(low.samples != high.samples, "pitch changes kal16's audio")
        #expect(throws: CorpusError.self) { try flite.render("hello", profile: VoiceProfile(voice: "nobody")) }
        #expect(throws: CorpusError.self) { try flite.render("hello", profile: VoiceProfile(voice: "awb", rate: 20)) }
    }

    @Test func bothEnginesInOneCorpusTaggedByEngine() async throws {
        var catalog = VoiceCatalog.forEngines([.espeak, .flite])
        catalog.voices = ["en-us", "awb", "slt"]
        let synthesizer = CorpusSynthesizer(grammar: try Grammar.voiceSearch(), catalog: catalog, seed: 5)
        let folder = try TestSupport.temporaryDirectory()
        let a = try await synthesizer.synthesize(count: 12, into: folder)
        #expect(a.failures.isEmpty && a.manifest.entries.count == 12)
        #expect(Set(a.manifest.entries.compactMap { $0.tags["source"] }) == ["espeak-ng", "flite"])
        // Bytes are the same from a fresh process (CorpusCommandTests): like eSpeak NG, Flite's
        // statistical voices carry state from one utterance to the next within a process.
        for entry in a.manifest.entries where entry.tags["source"] == "flite" {
            #expect(entry.speaker == "flite-\(entry.tags["voice"] ?? "")" && entry.tags["variant"] == "none")
            #expect(entry.tags["rate"] == "175" && entry.tags["pitch"] == "50", "the statistical voices keep their own rate and pitch")
        }
        // The eSpeak-only catalog is unchanged by Flite's arrival: the same requests as before.
        #expect(VoiceCatalog.forEngines([.espeak]) == .english)
        #expect(VoiceCatalog.forEngines([.flite]).voices == FliteSynthesizer.voiceNames)
    }
}
