import ArgumentParser
import EarshotAudio
import Foundation

/// `earshot audio normalize`: one gain per file to a peak, RMS or loudness target.
struct AudioNormalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Bring each file to a target peak (dBFS), RMS (dBFS) or loudness (LUFS).",
        discussion: """
        One gain is applied to the whole file. It is capped so that the peak stays at \
        or below --ceiling (rms and lufs modes; in peak mode the target is the \
        ceiling) and never exceeds --max-gain, so near-silent input is reported and \
        not blown up into loud noise. Outputs keep the input's rate and channels, are \
        written under a temporary name and renamed, and never replace an input.

        Examples:
          earshot audio normalize --mode lufs --target -23 in.wav out.wav
          earshot audio normalize --mode rms --target -20 --out-dir out/n *.wav
          earshot audio normalize --mode peak --target -1 --json in.flac out.wav
        """
    )

    @Option(help: "What to normalize: peak, rms or lufs.")
    var mode: NormalizationMode = .lufs

    @Option(parsing: .unconditional, help: "Target level: dBFS for peak and rms, LUFS for lufs.")
    var target: Double = -23

    @Option(name: .customLong("max-gain"), parsing: .unconditional, help: "Largest boost in dB.")
    var maxGain: Double = 30

    @Option(parsing: .unconditional, help: "Highest peak after gain, dBFS (rms and lufs modes).")
    var ceiling: Double = -1

    @OptionGroup var batch: AudioBatchOptions

    @Flag(help: "Print one JSON object per line per file.")
    var json = false

    var options: NormalizationOptions {
        NormalizationOptions(mode: mode, target: target, maxGainDB: maxGain, ceilingDBFS: ceiling)
    }

    func validate() throws {
        do { try options.validate() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let (options, format, json) = (options, batch.format.fileFormat, json)
        let jobs = batch.jobs()
        let guardInputs = AudioInputGuard(inputs: jobs.map(\.input))
        let (_, ok) = AudioBatch.run(jobs, label: "normalize", name: \.input, work: { job in
            try guardInputs.prepare(job)
            let (normalized, report) = try Normalizer.normalize(try AudioFile.read(path: job.input), options: options)
            try AudioFile.write(normalized, to: job.output, format: format)
            return report
        }, report: { job, report in
            if let warning = Self.warning(for: report, input: job.input) {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            if json {
                try AudioJSONLines.print(AudioNormalizeResult(input: job.input, output: job.output, report: report))
            } else {
                print(Self.summary(report, job: job))
            }
        })
        guard ok else { throw EarshotExit.someInputsFailed }
    }

    static func summary(_ report: NormalizationReport, job: AudioJob) -> String {
        let unit = report.mode == .lufs ? "LUFS" : "dBFS"
        let before = AudioStatsTable.fixed(report.before, 1), after = AudioStatsTable.fixed(report.after, 1)
        return "\(job.input) -> \(job.output): \(report.mode.rawValue) \(before) -> \(after) \(unit) (gain \(String(format: "%+.1f", report.gainDB)) dB)"
    }

    static func warning(for report: NormalizationReport, input: String) -> String? {
        switch report.limitedBy {
        case .none: nil
        case .silence: "\(input): silent, left unchanged"
        case .maxGain: "\(input): near-silent; boost capped at \(String(format: "%+.1f", report.gainDB)) dB, target not reached"
        case .ceiling: "\(input): gain limited to keep the peak at \(AudioStatsTable.fixed(report.peakAfterDBFS, 1)) dBFS, target not reached"
        }
    }
}

/// A `normalize --json` line.
struct AudioNormalizeResult: Encodable {
    var input: String
    var output: String
    var report: NormalizationReport
}
