import EarshotAudio
import Foundation

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
