import EarshotAudio
import Foundation

/// Imports the Free Spoken Digit Dataset: files named `{digit}_{speaker}_{take}.wav`, 8 kHz
/// recordings of one spoken digit each. The label becomes the digit's word ("zero" ... "nine"),
/// and every utterance is tagged `bandwidth=8k`, `source=fsdd` and `fsdd_split`: FSDD's own
/// convention puts takes 0–4 of every speaker in the test set and the rest in training.
public enum FSDDImporter {
    public static let digitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

    /// The parts of an FSDD file name.
    public struct FileName: Sendable, Equatable {
        public var digit: Int
        public var speaker: String
        public var take: Int

        /// Parses `7_jackson_32.wav`; nil when the name does not follow the convention.
        public init?(_ name: String) {
            guard name.hasSuffix(".wav") else { return nil }
            let parts = name.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 3, let digit = Int(parts[0]), (0...9).contains(digit), parts[0].count == 1,
                  let take = Int(parts[2]), take >= 0, parts[2].allSatisfy(\.isASCII),
                  !parts[1].isEmpty, parts[1].allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
            self.digit = digit
            self.speaker = String(parts[1])
            self.take = take
        }

        /// FSDD's official test set: takes 0 to 4.
        public var officialSplit: String { take < 5 ? "test" : "train" }
    }

    /// Which part of FSDD to import.
    public enum Part: String, Sendable, CaseIterable {
        case all, train, test
    }

    /// Imports the `.wav` files directly in `directory`, sorted by name, into a manifest whose
    /// audio paths are relative to `manifestDirectory`. Files with other names, and unreadable
    /// files, are returned as failures; the rest are imported.
    public static func importDirectory(_ directory: String, manifestDirectory: String, part: Part = .all,
                                       speakers: Set<String>? = nil) throws(CorpusError) -> BatchResult {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.lowercased().hasSuffix(".wav") }.sorted()
        } catch {
            throw FileManager.default.fileExists(atPath: directory) ? .readFailed(path: directory, reason: error.localizedDescription)
                                                                    : .fileNotFound(path: directory)
        }
        var entries: [ManifestEntry] = [], failures: [ItemFailure] = []
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).standardizedFileURL.path
            guard let parsed = FileName(name) else {
                failures.append(ItemFailure(item: path, error: .invalidFile(file: path, reason: "name is not {digit}_{speaker}_{take}.wav")))
                continue
            }
            if let speakers, !speakers.contains(parsed.speaker) { continue }
            if part != .all && parsed.officialSplit != part.rawValue { continue }
            let audio: Waveform
            do throws(AudioError) {
                audio = try AudioFile.read(path: path)
            } catch {
                failures.append(ItemFailure(item: path, error: .audio(error)))
                continue
            }
            entries.append(ManifestEntry(
                id: "\(parsed.speaker)-\(parsed.digit)-\(parsed.take)",
                audio: Manifest.relativePath(path, from: manifestDirectory),
                text: digitWords[parsed.digit], duration: audio.durationSeconds, speaker: parsed.speaker,
                tags: ["source": "fsdd", "bandwidth": "8k", "fsdd_split": parsed.officialSplit]))
        }
        return BatchResult(manifest: Manifest(entries: entries), failures: failures)
    }
}
