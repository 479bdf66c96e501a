import ArgumentParser
import EarshotAudio
import Foundation

/// `earshot audio convert`: downmix and resample to what the recognizer expects.
struct AudioConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert audio files to mono WAV at a sample rate (16 kHz by default).",
        discussion: """
        Channels are averaged into one (unless --keep-channels), then libsoxr (the SoX \
        resampler) converts the rate with sox's presets, hq by default. Outputs are written under a temporary name \
        and renamed, and never replace an input. Nothing is printed on success unless \
        --json is given.

        Examples:
          earshot audio convert --rate 16000 in.flac out.wav
          earshot audio convert --format wavf32 --out-dir out/16k recordings/*.wav
          earshot audio convert --quality vhq --keep-channels in.aiff out.wav
        """
    )

    @Option(help: "Output sample rate in Hz.")
    var rate: Int = Resampler.defaultRate

    @Option(help: "Resampler preset, as sox's rate -v/-h/-m/-l/-q: vhq, hq, mq, lq or quick.")
    var quality: ResamplerQuality = .high

    @Flag(name: .customLong("keep-channels"), help: "Keep every channel instead of mixing to mono.")
    var keepChannels = false

    @OptionGroup var batch: AudioBatchOptions

    @Flag(help: "Print one JSON object per line per converted file.")
    var json = false

    func validate() throws {
        guard rate > 0, rate <= AudioLimits.default.maxSampleRate else {
            throw ValidationError("--rate must be between 1 and \(AudioLimits.default.maxSampleRate) Hz (got \(rate))")
        }
    }

    func run() throws {
        let options = ConversionOptions(sampleRate: rate, downmixToMono: !keepChannels, quality: quality)
        let (format, json) = (batch.format.fileFormat, json)
        let jobs = batch.jobs()
        let guardInputs = AudioInputGuard(inputs: jobs.map(\.input))
        let (_, ok) = AudioBatch.run(jobs, label: "convert", name: \.input, work: { job in
            try guardInputs.prepare(job)
            let converted = try AudioFile.decodeConverted(path: job.input, options: options).waveform
            try AudioFile.write(converted, to: job.output, format: format)
            return AudioConvertResult(input: job.input, output: job.output, sampleRate: converted.sampleRate,
                                 channels: converted.channelCount, durationSeconds: converted.durationSeconds)
        }, report: { _, result in
            if json { try AudioJSONLines.print(result) }
        })
        guard ok else { throw EarshotExit.someInputsFailed }
    }
}

/// A `convert --json` line.
struct AudioConvertResult: Encodable, Sendable {
    var input: String
    var output: String
    var sampleRate: Int
    var channels: Int
    var durationSeconds: Double
}
