import EarshotCore
import Foundation

/// One row of a JSONL manifest as the audit reads it: `id, audio, text, duration, speaker,
/// tags` (NeMo's `audio_filepath` is accepted for `audio`); every other field is kept as a
/// tag. Read tolerantly, unlike EarshotCorpus's `ManifestEntry`, which rejects the very lines
/// (no duration, duplicate ids) the audit must report and keep going past.
public struct ManifestRow: Sendable, Hashable, Codable {
    public var id: String
    /// The audio path as written in the manifest.
    public var audio: String
    public var text: String
    public var duration: Double?
    public var speaker: String?
    public var tags: [String: String]
    public var line: Int

    public init(id: String, audio: String, text: String, duration: Double? = nil, speaker: String? = nil,
                tags: [String: String] = [:], line: Int = 0) {
        self.id = id
        self.audio = audio
        self.text = text
        self.duration = duration
        self.speaker = speaker
        self.tags = tags
        self.line = line
    }

    /// The audio path to open: relative paths are taken from the manifest's folder.
    public func audioPath(manifestPath: String) -> String {
        ManifestPath.resolve(audio, manifestPath: manifestPath)
    }
}

/// Reads JSONL manifests tolerantly: a line that is not an object, or lacks an id, is a
/// problem reported with its line number; the other lines are read.
public enum ManifestReader {
    static let audioAliases = ["audio", "audio_filepath", "audio_path", "path", "wav"]

    public static func read(path: String) throws(LabelsError) -> (entries: [ManifestRow], problems: [LabelsError]) {
        let data = try FileInput.contents(of: path)
        var problems: [LabelsError] = []
        var entries: [ManifestRow] = []
        for (line, object) in JSONLines.objects(in: data, path: path, problems: &problems) {
            var fields = JSONLines.flatten(object)
            guard let id = fields["id"] ?? fields["utt_id"] ?? fields["clip_id"], !id.isEmpty else {
                problems.append(.malformedLine(path: path, line: line, reason: "no id field"))
                continue
            }
            let audioKey = audioAliases.first { fields[$0] != nil }
            let audio = audioKey.flatMap { fields[$0] } ?? ""
            let text = fields["text"] ?? ""
            let duration = fields["duration"].flatMap(Double.init)
            let speaker = fields["speaker"]
            for key in ["id", "utt_id", "clip_id", "text", "duration"] + (audioKey.map { [$0] } ?? []) { fields[key] = nil }
            entries.append(ManifestRow(id: id, audio: audio, text: text, duration: duration, speaker: speaker,
                                         tags: fields, line: line))
        }
        return (entries, problems)
    }
}
