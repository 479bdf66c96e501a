import ArgumentParser
import EarshotAudio
import Foundation

/// `earshot audio info`: measures each file.
struct AudioInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Measure audio files: levels, loudness, clipping, DC offset, SNR.",
        discussion: """
        Columns: peak and RMS in dBFS (a full-scale sine has RMS −3.01), integrated \
        loudness in LUFS (ITU-R BS.1770, gated; clips under 400 ms are measured whole) \
        and loudness range in LU (EBU R128; needs 3 s), the percentage of samples at \
        full scale, the mean sample value (DC), and an SNR estimate: 10·log10 of the \
        95th over the 10th percentile of 25 ms frame energies. "-" marks an undefined \
        level (silence). Near-silent means RMS below −60 dBFS.

        Examples:
          earshot audio info Fixtures/audio/speech/*.wav
          earshot audio info --json recording.flac | jq .integratedLUFS
        """
    )

    @Argument(help: "Audio files to measure.")
    var files: [String] = []

    @Flag(help: "Print one JSON object per line per file instead of a table.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one audio file") }
    }

    func run() throws {
        let json = json
        let (rows, ok) = AudioBatch.run(files, label: "info", name: { $0 }, work: { file in
            let decoded = try AudioFile.decode(path: file)
            return try AudioStats(measuring: decoded.waveform, file: file, format: decoded.formatName)
        }, report: { _, stats in
            if json { try AudioJSONLines.print(stats) }
        })
        let measured = rows.compactMap { $0 }
        if !json, !measured.isEmpty { print(AudioStatsTable.render(measured), terminator: "") }
        guard ok else { throw EarshotExit.someInputsFailed }
    }
}
