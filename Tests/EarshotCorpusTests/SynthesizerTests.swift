import EarshotAudio
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct SynthesizerTests {
    @Test func rendersSpeechAtTheEngineRate() throws {
        let synthesizer = try SpeechSynthesizer.shared()
        let audio = try synthesizer.render("call five five five one two three four", profile: VoiceProfile(voice: "en-us", variant: "f3"))
        #expect(synthesizer.sampleRate == 22050)
        #expect(audio.durationSeconds > 1 && audio.durationSeconds < 6)
        let peak = audio.samples.map(abs).max() ?? 0
        #expect(peak > 0.05)
    }

    @Test func everyCatalogVoiceLoads() throws {
        let synthesizer = try SpeechSynthesizer.shared()
        for voice in VoiceCatalog.english.voices {
            let audio = try synthesizer.render("hello", profile: VoiceProfile(voice: voice))
            #expect(audio.frameCount > 1000, "\(voice)")
        }
    }

    @Test func unknownVoiceIsAnError() throws {
        let synthesizer = try SpeechSynthesizer.shared()
        #expect(throws: CorpusError.self) { try synthesizer.render("hello", profile: VoiceProfile(voice: "xx-nowhere")) }
        #expect(throws: CorpusError.self) { try synthesizer.render("hello", profile: VoiceProfile(voice: "en-us", rate: 20)) }
    }
}
