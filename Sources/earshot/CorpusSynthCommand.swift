import ArgumentParser
import EarshotAudio
import EarshotCorpus
import Foundation

/// `earshot corpus synth`: renders voice-search queries with eSpeak NG.
struct CorpusSynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesize a voice-search corpus with eSpeak NG and/or Flite from a grammar.",
        discussion: """
        Writes DIR/wav/<id>.wav and DIR/manifest.jsonl. Each utterance's engine (source), voice, \
        variant, rate, pitch and range are tags; the speaker is voice+variant (flite-VOICE for Flite). The same seed gives the same \
        bytes. The default grammar is Sources/EarshotCorpus/Resources/voice-search.grammar.

        Examples:
          earshot corpus synth --count 1000 --seed 7 --out data/synth
          earshot corpus synth --count 500 --seed 7 --engine flite --voices awb,kal16 --out data/flite
          earshot corpus synth --count 1000 --seed 7 --engine all --out data/both
          earshot corpus synth --count 20 --seed 1 --grammar my.grammar --sample-rate 22050 --out /tmp/s
          earshot corpus synth --print-vocabulary
        """
    )

    @Option(help: "Number of utterances.") var count = 100
    @Option(help: "Random seed: same seed, same corpus.") var seed: UInt64 = 0
    @Option(help: "Output folder (created).") var out: String?
    @Option(help: "Grammar file (default: the bundled voice-search grammar).") var grammar: String?
    @Option(help: "Output sample rate in Hz (eSpeak NG renders 22050).") var sampleRate = 16000
    @Option(help: "Resampler preset (libsoxr, as sox's rate -v/-h/-m/-l/-q): vhq, hq, mq, lq or quick.") var resampleQuality = "mq"
    @Option(help: "Synthesizer: espeak (eSpeak NG's formant voices), flite (Flite's voices of real speakers: kal, kal16, awb, rms, slt) or all.")
    var engine = "espeak"
    @Option(help: "Comma-separated voices, eSpeak NG's and/or Flite's (default: every voice of --engine).") var voices: String?
    @Flag(help: "Print the grammar's vocabulary, one word a line, and exit.") var printVocabulary = false
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        if ResamplerQuality(rawValue: resampleQuality) == nil {
            throw ValidationError("--resample-quality must be one of \(ResamplerQuality.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !printVocabulary && out == nil { throw ValidationError("--out is required") }
        if Self.engines(engine) == nil { throw ValidationError("--engine must be espeak, flite or all, got '\(engine)'") }
        if count < 0 || count > 10_000_000 { throw ValidationError("--count must be within 0...10000000") }
        if sampleRate < 8000 || sampleRate > 48000 { throw ValidationError("--sample-rate must be within 8000...48000") }
    }

    static func engines(_ name: String) -> [SynthesisEngine]? {
        switch name {
        case "all": SynthesisEngine.allCases
        default: SynthesisEngine(rawValue: name).map { [$0] }
        }
    }

    func run() async throws {
        let grammar = try grammar.map { try Grammar(path: $0) } ?? Grammar.voiceSearch()
        if printVocabulary {
            grammar.vocabulary.forEach { print($0) }
            return
        }
        guard let out else { return }
        var catalog = VoiceCatalog.forEngines(Self.engines(engine) ?? [.espeak])
        if let voices { catalog.voices = voices.split(separator: ",").map(String.init) }
        let synthesizer = CorpusSynthesizer(grammar: grammar, catalog: catalog, seed: seed, sampleRate: sampleRate,
                                            converter: SoxrConverter(quality: ResamplerQuality(rawValue: resampleQuality) ?? .medium))
        let progress = ProgressBar(total: count, label: "synth")
        let started = Date()
        let result = try await synthesizer.synthesize(count: count, into: out) { progress.advance(failed: $0) }
        progress.finish()
        let manifestPath = out + "/manifest.jsonl"
        try result.manifest.write(to: manifestPath)
        let seconds = Date().timeIntervalSince(started)
        if json {
            CorpusOutput.printJSON(["manifest": manifestPath, "utterances": result.manifest.entries.count,
                                    "failed": result.failures.count, "audio_seconds": result.manifest.totalDuration,
                                    "speakers": result.manifest.speakers.count, "elapsed_seconds": seconds])
        } else {
            print(String(format: "%@: %d utterances, %.1f s of audio, %d speakers, in %.1f s",
                         manifestPath, result.manifest.entries.count, result.manifest.totalDuration,
                         result.manifest.speakers.count, seconds))
        }
        try CorpusOutput.finish(failures: result.failures)
    }
}
