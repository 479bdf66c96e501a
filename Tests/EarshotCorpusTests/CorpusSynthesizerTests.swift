import EarshotAudio
import Foundation
import Testing
@testable import EarshotCorpus

@Suite(.timeLimit(.minutes(5))) struct CorpusSynthesizerTests {
    @Test func requestsDependOnlyOnSeedAndIndex() throws {
        let grammar = try Grammar.voiceSearch()
        let a = CorpusSynthesizer(grammar: grammar, seed: 3), b = CorpusSynthesizer(grammar: grammar, seed: 3)
        let other = CorpusSynthesizer(grammar: grammar, seed: 4)
        #expect((0..<50).map(a.request) == (0..<50).reversed().map(b.request).reversed())
        #expect((0..<50).map(a.request) != (0..<50).map(other.request))
        let speakers = Set((0..<200).map { a.request(index: $0).profile.speaker })
        #expect(speakers.count > 50)  // many voices and variants
    }

    @Test func writesAudioAndManifestEntries() async throws {
        let folder = try TestSupport.temporaryDirectory()
        let synthesizer = CorpusSynthesizer(grammar: try Grammar.voiceSearch(), seed: 9)
        let result = try await synthesizer.synthesize(count: 4, into: folder)
        #expect(result.failures.isEmpty)
        #expect(result.manifest.entries.count == 4)
        for (index, entry) in result.manifest.entries.enumerated() {
            let request = synthesizer.request(index: index)
            #expect(entry.id == request.id && entry.text == request.text)
            #expect(entry.speaker == request.profile.speaker)
            #expect(entry.tags["voice"] == request.profile.voice && entry.tags["rate"] == String(request.profile.rate))
            let audio = try AudioFile.read(path: folder + "/" + entry.audio)
            #expect(audio.sampleRate == 16000)
            #expect(abs(audio.durationSeconds - entry.duration) < 1e-3)
            #expect(TestSupport.rms(audio.samples) > 0.01)
        }
    }
}

@Suite(.timeLimit(.minutes(5))) struct CorpusSynthesizerVoiceTests {
    @Test func unknownVoiceFailsBeforeRendering() async throws {
        let folder = try TestSupport.temporaryDirectory()
        var catalog = VoiceCatalog.english
        catalog.voices = ["en-us", "xx-nowhere"]
        let synthesizer = CorpusSynthesizer(grammar: try Grammar.voiceSearch(), catalog: catalog, seed: 1)
        await #expect(throws: CorpusError.invalidArgument("eSpeak NG has no voice \"xx-nowhere\" (see espeak-ng --voices=en; Flite's are kal, kal16, awb, rms, slt)")) {
            try await synthesizer.synthesize(count: 3, into: folder)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/wav"))
    }
}
