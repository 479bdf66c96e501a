import ArgumentParser
import EarshotAcousticModel
import EarshotCorpus
import EarshotRecognizer
import EarshotAudio
import EarshotCore
import Foundation
import Synchronization

/// `earshot transcribe`: audio files (or a manifest) to text with a model bundle.
struct TranscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Transcribe audio files with an Earshot model (the shipped default model unless --model).",
        discussion: """
        Any sample rate or channel count is converted to 16 kHz mono. Files run in parallel on \
        all cores; a file that fails is reported on standard error and the rest still run (exit 1). \
        --json prints one object per file: file, text, confidence, words [{word, start, end, \
        confidence}], audio_seconds, decode_seconds (wall) and cpu_seconds (the transcribing thread's \
        CPU time) of features, network and decoder on the 16 kHz samples. With --manifest, every row's audio is \
        transcribed and --out gets one {"id", "pred_text", "confidence"} line per row for `earshot wer` \
        (which reports the confidence's calibration). \
        --shard K/N keeps rows whose position modulo N is K (0-based). --timings prints, on \
        standard error at the end, where the CPU time went: loading the model, then per stage \
        summed over files (decode, resample, features, network, search, output), as whisper.cpp \
        prints its timings (a JSON object with --json).

        Examples:
          earshot transcribe Fixtures/audio/speech/weather.wav
          earshot transcribe --json Fixtures/audio/fsdd/*.wav
          earshot transcribe --model my.earshot --beam 32 --lm-weight 0.5 clip.wav
          earshot transcribe --manifest test.jsonl --out hyp.jsonl --shard 0/4
          earshot transcribe --timings recordings/*.wav > transcripts.txt
          earshot wer test.jsonl hyp.jsonl
        """
    )

    @Argument(help: "Audio files.") var files: [String] = []
    @Option(help: "Model bundle (.earshot); default: the model shipped with earshot.") var model: String?
    @Option(help: "Manifest (JSONL) whose rows to transcribe instead of FILE arguments.") var manifest: String?
    @Option(help: "With --manifest: hypotheses file (JSONL: id, pred_text), written atomically.") var out: String?
    @Option(help: "Process only shard K of N (K/N, 0-based).") var shard: String?
    @Option(help: "Beam width (default: the model's).") var beam: Int?
    @Option(name: .customLong("lm-weight"), help: "Language-model weight (default: the model's).") var lmWeight: Double?
    @Flag(help: "Greedy best-path decoding, without lexicon or language model.") var greedy = false
    @Flag(help: "One JSON object per line per file.") var json = false
    @Flag(help: "Print where the CPU time went, per stage, on standard error at the end.") var timings = false

    func validate() throws {
        if files.isEmpty && manifest == nil { throw ValidationError("give audio files or --manifest") }
        if !files.isEmpty && manifest != nil { throw ValidationError("give either audio files or --manifest, not both") }
        if out != nil && manifest == nil { throw ValidationError("--out needs --manifest") }
        if let beam, beam < 1 || beam > 4096 { throw ValidationError("--beam must be within 1...4096") }
        if let lmWeight, !(lmWeight >= 0 && lmWeight <= 100) { throw ValidationError("--lm-weight must be within 0...100") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") } }
        if let out, let manifest, URL(fileURLWithPath: out).standardized == URL(fileURLWithPath: manifest).standardized {
            throw ValidationError("--out must not overwrite the manifest")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now, loadStarted = ThreadCPUTime.seconds()
        let bundle = try model.map { try ModelBundle(path: $0) } ?? Recognizer.defaultBundle()
        let recognizer = try Recognizer(bundle: bundle, overrides: DecoderOverrides(beamWidth: beam, languageModelWeight: lmWeight, greedy: greedy))
        let loadSeconds = ThreadCPUTime.seconds() - loadStarted
        let outputSeconds = Mutex(0.0)
        var items = try manifest.map(Self.manifestItems) ?? files.map { TranscribeItem(id: nil, path: $0) }
        if let shard { items = try Shard(parsing: shard).select(items) }
        let json = json, quiet = out != nil
        // Files run one per core, each GEMM on one thread; a single long file gets every core.
        BLASThreads.use(.parallelUtterances)
        let alone = items.count == 1
        let (outputs, allSucceeded) = AudioBatch.run(items, label: "transcribe", name: \.path) { item in
            let input = try recognizer.input(path: item.path)
            if alone { BLASThreads.use(BLASThreads.workload(forLoneUtteranceOf: input.audio.durationSeconds)) }
            return try recognizer.transcribe(input, source: item.path)
        } report: { (item: TranscribeItem, recognition: Recognition) in
            guard !quiet else { return }
            let outputStarted = ThreadCPUTime.seconds()
            let record = RecognitionRecord(file: item.path, recognition: recognition)
            print(json ? record.jsonLine() : "\(item.path): \(record.text)")
            outputSeconds.withLock { $0 += ThreadCPUTime.seconds() - outputStarted }
        }
        if let out {
            let lines = zip(items, outputs).compactMap { item, recognition in
                recognition.map {
                    HypothesisRecord(id: item.id ?? item.path, predText: $0.transcript.text, confidence: $0.transcript.confidence).jsonLine()
                }
            }
            try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            let audio = outputs.compactMap { $0?.audioSeconds }.reduce(0, +)
            let decode = outputs.compactMap { $0?.decodeSeconds }.reduce(0, +)
            let cpu = outputs.compactMap { $0?.cpuSeconds }.reduce(0, +)
            FileHandle.standardError.write(Data(String(
                format: "%@: %d hypotheses, %.1f s of audio, real-time factor %.4f wall, %.4f CPU (seconds / audio s, summed over workers)\n",
                out, lines.count, audio, audio > 0 ? decode / audio : 0, audio > 0 ? cpu / audio : 0).utf8))
        }
        if timings {
            let stages = outputs.compactMap { $0?.stages }.reduce(StageTimings(), +)
            let report = TranscribeTimings(files: outputs.compactMap { $0 }.count, audioSeconds: outputs.compactMap { $0?.audioSeconds }.reduce(0, +),
                                           loadModel: loadSeconds, stages: stages, output: outputSeconds.withLock { $0 },
                                           wallSeconds: (clock.now - started) / .seconds(1), processCPUSeconds: ProcessCPUTime.seconds())
            FileHandle.standardError.write(Data((json ? report.jsonLine() : report.table()).utf8))
        }
        if !allSucceeded { throw EarshotExit.someInputsFailed }
    }

    static func manifestItems(_ path: String) throws -> [TranscribeItem] {
        let manifest = try Manifest.read(path: path)
        return manifest.entries.map { TranscribeItem(id: $0.id, path: Manifest.audioPath(of: $0, manifestPath: path)) }
    }
}

struct TranscribeItem: Sendable {
    var id: String?
    var path: String
}
