import EarshotAudio
import Foundation

/// Kaldi data directories: `wav.scp`, `text`, `utt2spk` (and `spk2utt`, `utt2dur`, optional
/// `segments`), the plain-text corpus format every Kaldi-style tool reads.
///
/// Audio paths in `wav.scp` are written absolute, so the folder works from any directory;
/// relative paths read from one are taken relative to `baseDirectory` (Kaldi resolves them
/// against the recipe's working directory). Tags have no Kaldi file and are not exported,
/// except segment times, which come back as the tags `segment_start` / `segment_end`.
public enum KaldiDataDirectory {
    /// Writes `manifest` (stored at `manifestPath`, against which its audio paths resolve)
    /// as a Kaldi data directory, files sorted by id as Kaldi requires.
    public static func export(_ manifest: Manifest, manifestPath: String, to directory: String) throws(CorpusError) {
        let entries = manifest.entries.sorted { $0.id < $1.id }
        for entry in entries where entry.text.contains(where: \.isNewline) {
            throw .invalidArgument("utterance \(entry.id): text contains a line break")
        }
        let segmented = entries.contains { $0.tags[SegmentTag.start] != nil }
        var wavScp: [String: String] = [:]
        var text = "", utt2spk = "", utt2dur = "", segments = ""
        var spk2utt: [String: [String]] = [:]
        for entry in entries {
            let path = Manifest.audioPath(of: entry, manifestPath: manifestPath)
            guard !path.contains(where: \.isWhitespace) else {
                throw .invalidArgument("utterance \(entry.id): audio path \"\(path)\" contains white space, which wav.scp cannot hold")
            }
            let speaker = entry.speaker.isEmpty ? entry.id : entry.speaker
            text += "\(entry.id) \(entry.text)\n"
            utt2spk += "\(entry.id) \(speaker)\n"
            utt2dur += "\(entry.id) \(entry.duration)\n"
            spk2utt[speaker, default: []].append(entry.id)
            if segmented, let start = entry.tags[SegmentTag.start] {
                let recording = entry.tags[SegmentTag.recording] ?? entry.id
                let end = entry.tags[SegmentTag.end] ?? String((Double(start) ?? 0) + entry.duration)
                segments += "\(entry.id) \(recording) \(start) \(end)\n"
                wavScp[recording] = path
            } else if segmented {
                segments += "\(entry.id) \(entry.id) 0 \(entry.duration)\n"
                wavScp[entry.id] = path
            } else {
                wavScp[entry.id] = path
            }
        }
        let scp = wavScp.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
        let spk = spk2utt.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.joined(separator: " "))\n" }.joined()
        let files = ["wav.scp": scp, "text": text, "utt2spk": utt2spk, "spk2utt": spk, "utt2dur": utt2dur]
        for (name, content) in files {
            try TextFile.writeAtomically(content, to: directory + "/" + name)
        }
        if segmented { try TextFile.writeAtomically(segments, to: directory + "/segments") }
    }

    /// Reads a Kaldi data directory into a manifest whose audio paths are written relative to
    /// `manifestDirectory` (the folder the manifest will be saved in). Durations come from
    /// `utt2dur` or `segments` when present, else from decoding each recording's audio.
    public static func importDirectory(_ directory: String, baseDirectory: String = FileManager.default.currentDirectoryPath,
                                       manifestDirectory: String) throws(CorpusError) -> Manifest {
        let wavScp = try readTable(directory + "/wav.scp", required: true)
        let text = try readTable(directory + "/text", required: true)
        let utt2spk = try readTable(directory + "/utt2spk", required: false)
        let utt2dur = try readTable(directory + "/utt2dur", required: false)
        let segments = try readTable(directory + "/segments", required: false)

        for (recording, row) in wavScp.rows where row.value.contains("|") || row.value.hasSuffix("-") {
            throw .malformedLine(file: wavScp.path, line: row.line, reason: "recording \(recording) is a command pipe; only file paths can be imported")
        }
        var entries: [ManifestEntry] = []
        for id in text.order {
            guard let row = text.rows[id] else { continue }
            var tags: [String: String] = [:]
            let recording: String
            var segmentDuration: Double?
            if let segment = segments.rows[id] {
                let fields = segment.value.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count == 3, let start = Double(fields[1]), let end = Double(fields[2]), end >= start, start >= 0 else {
                    throw .malformedLine(file: segments.path, line: segment.line, reason: "expected \"<utterance> <recording> <start> <end>\" with 0 <= start <= end")
                }
                recording = String(fields[0])
                tags = [SegmentTag.recording: recording, SegmentTag.start: String(fields[1]), SegmentTag.end: String(fields[2])]
                segmentDuration = end - start
            } else {
                recording = id
            }
            guard let audio = wavScp.rows[recording] else {
                throw .malformedLine(file: text.path, line: row.line, reason: "utterance \(id) has no recording \(recording) in wav.scp")
            }
            let absolute = Manifest.resolve(audio.value, relativeTo: baseDirectory)
            let duration: Double
            if let value = utt2dur.rows[id] {
                guard let seconds = Double(value.value), seconds >= 0 else {
                    throw .malformedLine(file: utt2dur.path, line: value.line, reason: "duration \"\(value.value)\" is not a non-negative number")
                }
                duration = seconds
            } else if let segmentDuration {
                duration = segmentDuration
            } else {
                do throws(AudioError) {
                    duration = try AudioFile.read(path: absolute).durationSeconds
                } catch {
                    throw .malformedLine(file: wavScp.path, line: audio.line, reason: error.description)
                }
            }
            let speaker = utt2spk.rows[id]?.value ?? id
            entries.append(ManifestEntry(id: id, audio: Manifest.relativePath(absolute, from: manifestDirectory), text: row.value,
                                         duration: duration, speaker: speaker, tags: tags))
        }
        return Manifest(entries: entries)
    }

    /// A Kaldi table: `<key> <value...>` per line, in file order.
    struct Table {
        var path: String
        var order: [String] = []
        var rows: [String: (value: String, line: Int)] = [:]
    }

    static func readTable(_ path: String, required: Bool) throws(CorpusError) -> Table {
        var table = Table(path: path)
        guard required || FileManager.default.fileExists(atPath: path) else { return table }
        for (index, line) in TextFile.lines(of: try TextFile.read(path: path)).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let key = trimmed.prefix { !$0.isWhitespace }
            let value = trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            if value.isEmpty && !path.hasSuffix("/text") {
                throw .malformedLine(file: path, line: index + 1, reason: "expected \"<key> <value>\", found only \"\(key)\"")
            }
            if table.rows[String(key)] != nil {
                throw .malformedLine(file: path, line: index + 1, reason: "key \(key) appears more than once")
            }
            table.order.append(String(key))
            table.rows[String(key)] = (value, index + 1)
        }
        return table
    }
}

/// Tags that carry Kaldi segment times through a manifest.
enum SegmentTag {
    static let recording = "segment_recording"
    static let start = "segment_start"
    static let end = "segment_end"
}
