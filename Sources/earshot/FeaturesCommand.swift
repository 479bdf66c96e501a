import ArgumentParser
import EarshotAudio
import EarshotFeatures
import Foundation

/// `earshot features`: MFCC or log-mel filterbank features for audio files.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute Kaldi-compatible MFCC or log-mel filterbank features.",
        discussion: """
        Writes one file per input, <stem>.<type>.<format>, next to the input or in --out-dir: float32 .npy (frames × dims, numpy.load reads it), JSON or CSV. Options follow Kaldi's compute-mfcc-feats / compute-fbank-feats, with dither 0 by default; samples are read as 16-bit values (±32768), as Kaldi does, and multi-channel audio is averaged to mono.

        Options apply in order: the defaults of --type, then --config (JSON with Kaldi option names, or a Kaldi .conf), then flags.

        Examples:
          earshot features Fixtures/audio/fsdd/*.wav --out-dir out/mfcc
          earshot features clip.wav --type fbank --num-mel-bins 40 --format json
          earshot features clip.wav --cmvn --norm-vars --deltas --json
          earshot features train/*.wav --write-cmvn-stats cmvn.json --out-dir out/raw
          earshot features test/*.wav --cmvn-stats cmvn.json --out-dir out/test
          earshot features clip.wav --config conf/mfcc.conf --snip-edges false
        """
    )

    @Argument(help: "Audio files (any format libsndfile reads).") var files: [String]
    @Option(help: "mfcc or fbank (default mfcc, or the config file's \"type\").") var type: FeatureKind?
    @Option(help: "Config file: JSON with Kaldi option names, or a Kaldi .conf (--name=value lines).") var config: String?
    @Option(help: "Output format: npy, json or csv.") var format: FeatureFileFormat = .npy
    @Option(help: "Folder for the outputs (default: next to each input).") var outDir: String?
    @Flag(help: "Per-utterance cepstral mean normalization.") var cmvn = false
    @Option(help: "Apply global CMVN from statistics saved by --write-cmvn-stats.") var cmvnStats: String?
    @Flag(help: "With --cmvn or --cmvn-stats, also normalize variances.") var normVars = false
    @Option(help: "Accumulate the raw features' CMVN statistics over all inputs into this file (.json, or Kaldi text otherwise).")
    var writeCmvnStats: String?
    @Flag(help: "Append deltas and delta-deltas (Kaldi add-deltas).") var deltas = false
    @Option(help: "Delta order with --deltas.") var deltaOrder = 2
    @Option(help: "Delta window with --deltas.") var deltaWindow = 2
    @Flag(help: "One JSON object per input on standard output.") var json = false
    @OptionGroup(title: "Kaldi feature options") var kaldi: KaldiFeatureOptions
    @Option(help: .hidden) var benchmarkRepeats: Int?

    func validate() throws {
        if cmvn && cmvnStats != nil { throw ValidationError("use either --cmvn (per utterance) or --cmvn-stats (global), not both") }
        if normVars && !cmvn && cmvnStats == nil { throw ValidationError("--norm-vars needs --cmvn or --cmvn-stats") }
        if let repeats = benchmarkRepeats, repeats < 1 { throw ValidationError("--benchmark-repeats must be at least 1") }
        // Options, config file and CMVN statistics are checked here so that errors come with
        // this command's usage line (and exit code 2) before any input is read.
        do { _ = try makePipeline() } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        let pipeline = try makePipeline()
        if let repeats = benchmarkRepeats {
            try FeaturesBenchmark(pipeline: pipeline, repeats: repeats).run(files: files)
            return
        }
        let writer = FeaturesBatch(pipeline: pipeline, format: format, outDir: outDir, json: json,
                                   statsPath: writeCmvnStats)
        if try await !writer.run(files: files) { throw EarshotExit.someInputsFailed }
    }

    private func makePipeline() throws -> FeaturePipeline {
        var featureConfig = try config.map { try FeatureConfig.load(path: $0, defaultKind: type ?? .mfcc) }
            ?? FeatureConfig(kind: type ?? .mfcc)
        if let type { featureConfig.kind = type }
        kaldi.apply(to: &featureConfig)
        let mode: CMVNMode = if let cmvnStats {
            .global(try CMVNStats.load(path: cmvnStats), normalizeVariance: normVars)
        } else if cmvn {
            .perUtterance(normalizeVariance: normVars)
        } else {
            .none
        }
        return try FeaturePipeline(config: featureConfig, cmvn: mode,
                                   deltas: deltas ? DeltaOptions(order: deltaOrder, window: deltaWindow) : nil)
    }
}
