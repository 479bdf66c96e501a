import EarshotAcousticModel
import EarshotAudio
import EarshotCore
import EarshotDecoder
import EarshotRecognizer
import EarshotTestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct RecognizerTests {
    @Test func transcribesAnyRateIntoLexiconWordsWithinTheAudio() throws {
        let recognizer = try Recognizer(bundle: try BundleFixtures.bundle())
        let words = Set(try BundleFixtures.bundle().lexicon!.words)
        for file in ["audio/fsdd/3_yweweler_11.wav", "audio/speech/weather.wav"] {
            let result = try recognizer.transcribe(path: BundleFixtures.fixtures + "/" + file)
            #expect(result.audioSeconds > 0.2)
            #expect(result.decodeSeconds > 0)
            #expect((0...1).contains(result.transcript.confidence))
            for word in result.transcript.words {
                #expect(words.contains(word.word))
                #expect(word.start >= 0 && word.start <= word.end && word.end <= result.audioSeconds + 0.1)
            }
        }
    }

    @Test func sameResultFromManyThreads() async throws {
        let recognizer = try Recognizer(bundle: try BundleFixtures.bundle(), overrides: DecoderOverrides(greedy: true))
        let waveform = try AudioFile.read(path: BundleFixtures.fixtures + "/audio/fsdd/0_george_0.wav")
        let expected = try recognizer.transcribe(waveform).transcript
        try await withThrowingTaskGroup(of: Transcript.self) { group in
            for _ in 0..<8 { group.addTask { try recognizer.transcribe(waveform).transcript } }
            for try await transcript in group { #expect(transcript == expected) }
        }
    }

    @Test func stereoAndSilenceAndTinyInputsDoNotTrap() throws {
        let recognizer = try Recognizer(bundle: try BundleFixtures.bundle())
        let stereo = Waveform(samples: [Float](repeating: 0, count: 16_000), sampleRate: 8_000, channelCount: 2)
        _ = try recognizer.transcribe(stereo)
        let tiny = try recognizer.transcribe(Waveform(samples: [0.1, -0.1], sampleRate: 16_000))
        #expect(tiny.transcript.words.isEmpty)
    }

    @Test func unreadableAudioNamesTheFile() throws {
        let recognizer = try Recognizer(bundle: try BundleFixtures.bundle())
        let error = #expect(throws: RecognizerError.self) {
            try recognizer.transcribe(path: BundleFixtures.fixtures + "/labels/audio/corrupt.wav")
        }
        #expect(error?.description.contains("corrupt.wav") == true)
    }

    @Test func shardsPartitionTheList() throws {
        let items = Array(0..<10)
        let shards = try (0..<3).map { try Shard(index: $0, count: 3).select(items) }
        #expect(shards.flatMap { $0 }.sorted() == items)
        #expect(shards[1] == [1, 4, 7])
        #expect(throws: RecognizerError.self) { try Shard(parsing: "3/3") }
        #expect(throws: RecognizerError.self) { try Shard(parsing: "a/b") }
        #expect(try Shard(parsing: "0/1").select(items) == items)
    }

    @Test func shippedDefaultModelLoads() throws {
        let bundle = try Recognizer.defaultBundle()
        #expect(bundle.lexicon?.words.contains("seven") == true)
        #expect(bundle.metadata.referenceStatistics["duration"]?.isEmpty == false)
    }

    /// Every stage of a file's CPU time is counted: an 8 kHz file is decoded and resampled,
    /// then has features, a forward pass and a search; the stages add up to no more than the
    /// thread's whole CPU time around the call.
    @Test func stageTimingsCoverEveryStage() throws {
        let recognizer = try Recognizer(bundle: try Recognizer.defaultBundle())
        let path = TestFixtures.path("audio/fsdd/0_george_0.wav")
        let before = ThreadCPUTime.seconds()
        let recognition = try recognizer.transcribe(path: path)
        let spent = ThreadCPUTime.seconds() - before
        let stages = try #require(recognition.stages)
        #expect(stages.decode > 0 && stages.resample > 0 && stages.features > 0 && stages.network > 0 && stages.search > 0)
        #expect(stages.total <= spent + 1e-6)
        #expect(recognition.audioSeconds > 0.2)
        // Audio in memory at 16 kHz mono has nothing to decode or resample.
        let input = try recognizer.input(path: path)
        #expect(input.audio.sampleRate == 16_000 && input.audio.channelCount == 1)
        let again = try recognizer.transcribe(input.audio)
        #expect(again.stages?.decode == 0)
        #expect(again.transcript.text == recognition.transcript.text)
    }
}
