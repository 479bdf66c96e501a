import ArgumentParser
import EarshotAudio
import Foundation

/// `earshot audio info`: measures each file.
struct AudioInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Measure audio files: duration, levels, loudness, clipping, DC offset, SNR.",
        discussion: """
        Columns: peak and RMS in dBFS (a full-scale sine has RMS −3.01), integrated loudness in
        LUFS (ITU-R BS.1770, gated; clips under 400 ms are measured whole) and loudness range in
        LU (EBU R128), the percentage of samples at full scale, the mean sample value (DC), and
        an SNR estimate: 10·log10 of the 95th over the 10th percentile of 25 ms frame energies.
        "-" marks a level that is undefined (silence). Near-silent means RMS below −60 dBFS.

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
        var rows: [AudioStats] = []
        let ok = AudioBatch.run(files, label: "info", name: { $0 }) { file in
            let decoded = try AudioFile.decode(path: file)
            let stats = try AudioStats(measuring: decoded.waveform, file: file, format: decoded.formatName)
            if json { try JSONLines.print(stats) } else { rows.append(stats) }
        }
        if !json, !rows.isEmpty { print(AudioStatsTable.render(rows), terminator: "") }
        guard ok else { throw EarshotExit.someInputsFailed }
    }
}

/// One JSON object per line on standard output.
enum JSONLines {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// The `audio info` table: one aligned row per file.
enum AudioStatsTable {
    static let headers = ["file", "seconds", "rate", "ch", "peak dBFS", "RMS dBFS", "LUFS", "LRA", "clip %", "DC", "SNR dB", ""]

    static func render(_ rows: [AudioStats]) -> String {
        let cells = [headers] + rows.map(cells(for:))
        let widths = headers.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { column, cell in
                // The file name is left-aligned, numbers right-aligned.
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    static func cells(for stats: AudioStats) -> [String] {
        [
            stats.file ?? "-",
            fixed(stats.durationSeconds, 2),
            "\(stats.sampleRate)",
            "\(stats.channels)",
            fixed(stats.peakDBFS, 1),
            fixed(stats.rmsDBFS, 1),
            fixed(stats.integratedLUFS, 1),
            fixed(stats.loudnessRangeLU, 1),
            fixed(stats.clippedFraction * 100, 2),
            fixed(stats.dcOffset, 4),
            fixed(stats.snrDB, 1),
            stats.isNearSilent ? "near-silent" : "",
        ]
    }

    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value else { return "-" }
        let text = String(format: "%.\(digits)f", value)
        // "-0.0000" says nothing a plain zero does not.
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
