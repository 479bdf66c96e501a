import EarshotAudio
import EarshotCore
import Foundation

/// Renders a voice-search corpus: sentences drawn from a `Grammar`, spoken by voices drawn
/// from a `VoiceCatalog` (eSpeak NG's, Flite's or both), written as WAV files plus a JSONL manifest.
///
/// Utterance `index` always gets the same text and voice for a seed (each has its own random
/// stream), and eSpeak NG renders strictly in index order, so the same seed gives a
/// byte-identical corpus from a fresh process. Resampling and writing run concurrently with
/// the next rendering, since eSpeak NG itself can only run one utterance at a time.
public struct CorpusSynthesizer: Sendable {
    public var grammar: Grammar
    public var catalog: VoiceCatalog
    public var seed: UInt64
    /// Output sample rate; nil keeps eSpeak NG's own (22050 Hz).
    public var sampleRate: Int?
    public var converter: any SampleRateConverter

    public init(grammar: Grammar, catalog: VoiceCatalog = .english, seed: UInt64, sampleRate: Int? = 16000,
                converter: any SampleRateConverter = SoxrConverter()) {
        self.grammar = grammar
        self.catalog = catalog
        self.seed = seed
        self.sampleRate = sampleRate
        self.converter = converter
    }

    /// What utterance `index` says and how.
    public struct Request: Sendable, Equatable {
        public var id: String
        public var text: String
        public var profile: VoiceProfile
        public var randomSeed: UInt32
    }

    public func request(index: Int) -> Request {
        var generator = SplitMix64(seed: seed, index: UInt64(index))
        let text = grammar.sentence(using: &generator)
        let profile = catalog.randomProfile(using: &generator)
        let id = "\(profile.speaker)-s\(seed)-\(String(format: "%06d", index))"
        return Request(id: id, text: text, profile: profile, randomSeed: UInt32(truncatingIfNeeded: generator.next()))
    }

    /// Renders utterances `0..<count` into `directory` (`wav/<id>.wav`, audio paths in the
    /// manifest relative to `directory`); the caller writes the manifest. `progress` is told
    /// after each utterance whether it failed.
    public func synthesize(count: Int, into directory: String,
                           progress: @escaping @Sendable (_ failed: Bool) -> Void = { _ in }) async throws(CorpusError) -> BatchResult {
        guard count >= 0 else { throw .invalidArgument("count \(count) must not be negative") }
        guard !catalog.voices.isEmpty, !catalog.variants.isEmpty else { throw .invalidArgument("the voice catalog is empty") }
        let engines = Set(catalog.voices.map(SynthesisEngine.owning(voice:)))
        let espeak = engines.contains(.espeak) ? try SpeechSynthesizer.shared() : nil
        let flite = engines.contains(.flite) ? try FliteSynthesizer.shared() : nil
        for voice in catalog.voices where SynthesisEngine.owning(voice: voice) == .espeak && espeak?.hasVoice(voice) != true {
            throw .invalidArgument("eSpeak NG has no voice \"\(voice)\" (see espeak-ng --voices=en; Flite's are \(FliteSynthesizer.voiceNames.joined(separator: ", ")))")
        }
        var results: [(Int, Result<ManifestEntry, ItemFailure>)] = []
        await withTaskGroup(of: (Int, Result<ManifestEntry, ItemFailure>).self) { group in
            var inFlight = 0
            for index in 0..<count {
                let request = request(index: index)
                let rendered: Result<Waveform, CorpusError> = Result { () throws(CorpusError) in
                    switch (request.profile.engine, espeak, flite) {
                    case (.espeak, let espeak?, _): try espeak.render(request.text, profile: request.profile, randomSeed: request.randomSeed)
                    case (.flite, _, let flite?): try flite.render(request.text, profile: request.profile, randomSeed: request.randomSeed)
                    default: throw .synthesis(reason: "no \(request.profile.engine) synthesizer for voice \(request.profile.voice)")
                    }
                }
                group.addTask { [self] in
                    (index, rendered.flatMap { store($0, request: request, directory: directory) }.mapError { ItemFailure(item: request.id, error: $0) })
                }
                inFlight += 1
                if inFlight > 2, let done = await group.next() {
                    inFlight -= 1
                    results.append(done)
                    progress(done.1.isFailure)
                }
            }
            for await done in group {
                results.append(done)
                progress(done.1.isFailure)
            }
        }
        results.sort { $0.0 < $1.0 }
        var entries: [ManifestEntry] = [], failures: [ItemFailure] = []
        for (_, result) in results {
            switch result {
            case .success(let entry): entries.append(entry)
            case .failure(let failure): failures.append(failure)
            }
        }
        return BatchResult(manifest: Manifest(entries: entries), failures: failures)
    }

    private func store(_ waveform: Waveform, request: Request, directory: String) -> Result<ManifestEntry, CorpusError> {
        Result { () throws(CorpusError) in
            let audio = try sampleRate.map { rate throws(CorpusError) in try converter.convert(waveform, to: rate) } ?? waveform
            let relative = "wav/\(request.id).wav"
            try AudioOutput.writeWAV(audio, to: directory + "/" + relative)
            return ManifestEntry(id: request.id, audio: relative, text: request.text, duration: audio.durationSeconds,
                                 speaker: request.profile.speaker, tags: request.profile.tags)
        }
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
