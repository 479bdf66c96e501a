import ArgumentParser
import EarshotAudio
import EarshotCorpus
import Foundation

/// `earshot corpus augment`: noise, gain, telephone channel, speed and reverberation.
struct CorpusAugmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Augment a corpus: noise at an SNR, gain, telephone channel, speed, reverberation.",
        discussion: """
        Each output utterance gets a random plan drawn with the seed; every applied augmentation \
        is a tag: noise=white|pink|car|babble, snr=10, gain=-12, bandwidth=8k (telephone, 8 kHz), \
        speed=1.1, reverb=0.4 (RT60 s), plus augmented_from=<id> and clipped=yes when gain clipped. \
        Writes DIR/wav/<id>-aug<k>.wav and DIR/manifest.jsonl.

        Examples:
          earshot corpus augment data/synth/manifest.jsonl --seed 1 --out data/aug
          earshot corpus augment in.jsonl --out noisy --noise car,babble --snr 0,5,10 --noise-probability 1 \\
              --telephone-probability 0 --gain-probability 0 --speeds 1 --reverb-probability 0
          earshot corpus augment in.jsonl --out tel --telephone-probability 1 --copies 2 --include-originals
        """
    )

    @Argument(help: "Input manifest (JSONL).") var manifest: String
    @Option(help: "Output folder (created).") var out: String
    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Augmented copies per input utterance.") var copies = 1
    @Option(help: "Noise kinds to draw from: white, pink, car, babble.") var noise = "white,pink,car,babble"
    @Option(help: "Probability of adding noise.") var noiseProbability = 0.8
    @Option(help: "SNRs in dB to draw from.") var snr = "0,5,10,15,20"
    @Option(help: "Gain range in dB, MIN...MAX.") var gain = "-20...20"
    @Option(help: "Probability of changing the gain.") var gainProbability = 0.5
    @Option(help: "Probability of the telephone channel (300-3400 Hz, 8 kHz).") var telephoneProbability = 0.25
    @Option(help: "Speed factors to draw from.") var speeds = "0.9,1.0,1.1"
    @Option(help: "Probability of reverberation.") var reverbProbability = 0.2
    @Option(help: "Sample rate inputs are brought to, in Hz.") var sampleRate = 16000
    @Option(help: "Resampler preset (libsoxr, as sox's rate -v/-h/-m/-l/-q): vhq, hq, mq, lq or quick.") var resampleQuality = "mq"
    @Flag(help: "Also list the unchanged inputs in the output manifest.") var includeOriginals = false
    @Flag(help: "Print the summary as JSON.") var json = false

    func policy() throws -> AugmentationPolicy {
        var policy = AugmentationPolicy()
        policy.noiseKinds = try noise.split(separator: ",").map { name in
            guard let kind = NoiseKind(rawValue: String(name)) else {
                throw ValidationError("--noise: unknown kind \"\(name)\" (white, pink, car, babble)")
            }
            return kind
        }
        policy.noiseProbability = noiseProbability
        policy.snrs = try CorpusOutput.numbers(snr, option: "--snr")
        let bounds = gain.components(separatedBy: "...").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { throw ValidationError("--gain must look like -20...20") }
        policy.gainRange = bounds[0]...bounds[1]
        policy.gainProbability = gainProbability
        policy.telephoneProbability = telephoneProbability
        policy.speeds = try CorpusOutput.numbers(speeds, option: "--speeds")
        policy.reverbProbability = reverbProbability
        if let problem = policy.problem() { throw ValidationError(problem) }
        return policy
    }

    func validate() throws {
        if ResamplerQuality(rawValue: resampleQuality) == nil {
            throw ValidationError("--resample-quality must be one of \(ResamplerQuality.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        _ = try policy()
        let here = FileManager.default.currentDirectoryPath
        if Manifest.resolve(out + "/manifest.jsonl", relativeTo: here) == Manifest.resolve(manifest, relativeTo: here) {
            throw ValidationError("--out would overwrite the input manifest")
        }
        if copies < 1 || copies > 100 { throw ValidationError("--copies must be within 1...100") }
        if sampleRate < 8000 || sampleRate > 48000 { throw ValidationError("--sample-rate must be within 8000...48000") }
    }

    func run() async throws {
        let input = try Manifest.read(path: manifest)
        let augmenter = CorpusAugmenter(policy: try policy(), seed: seed, copies: copies, sampleRate: sampleRate,
                                        includeOriginals: includeOriginals,
                                        augmenter: Augmenter(converter: SoxrConverter(quality: ResamplerQuality(rawValue: resampleQuality) ?? .medium)))
        let progress = ProgressBar(total: input.entries.count, label: "augment")
        let result = try await augmenter.augment(input, manifestPath: manifest, into: out) { progress.advance(failed: $0) }
        progress.finish()
        let manifestPath = out + "/manifest.jsonl"
        try result.manifest.write(to: manifestPath)
        if json {
            CorpusOutput.printJSON(["manifest": manifestPath, "utterances": result.manifest.entries.count,
                                    "failed": result.failures.count, "audio_seconds": result.manifest.totalDuration])
        } else {
            print(String(format: "%@: %d utterances, %.1f s of audio", manifestPath, result.manifest.entries.count,
                         result.manifest.totalDuration))
        }
        try CorpusOutput.finish(failures: result.failures)
    }
}
