import EarshotCore
/// Manifests as CSV (RFC 4180 quoting) for spreadsheets: a header
/// `id,audio,text,duration,speaker,tags`, tags written `key=value;key=value` sorted by key.
public enum ManifestCSV {
    public static let header = ["id", "audio", "text", "duration", "speaker", "tags"]

    public static func encode(_ manifest: Manifest) -> String {
        var out = header.joined(separator: ",") + "\n"
        for entry in manifest.entries {
            let tags = entry.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            let fields = [entry.id, entry.audio, entry.text, String(entry.duration), entry.speaker, tags]
            out += fields.map(DelimitedText.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Parses CSV text with a header naming at least `id`, `audio`, `text`, `duration`; the
    /// columns `speaker` and `tags` are optional and may come in any order.
    public static func decode(_ text: String, source: String) throws(CorpusError) -> Manifest {
        let records: [DelimitedText.Row]
        do throws(DelimitedError) {
            records = try DelimitedText.rows(text, separator: UInt8(ascii: ","), quoted: true)
        } catch {
            throw .malformedLine(file: source, line: error.line, reason: error.reason)
        }
        guard let first = records.first else { throw .invalidFile(file: source, reason: "empty CSV, expected a header line") }
        let (headerLine, headerFields) = (first.line, first.fields)
        var column: [String: Int] = [:]
        for (index, name) in headerFields.enumerated() { column[name.trimmingCharacters(in: .whitespaces).lowercased()] = index }
        for required in ["id", "audio", "text", "duration"] where column[required] == nil {
            throw .malformedLine(file: source, line: headerLine, reason: "header lacks the column \"\(required)\"")
        }
        var entries: [ManifestEntry] = []
        for (line, fields) in records.dropFirst().map({ ($0.line, $0.fields) }) {
            guard fields.count == headerFields.count else {
                throw .malformedLine(file: source, line: line, reason: "\(fields.count) fields where the header has \(headerFields.count)")
            }
            func field(_ name: String) -> String { column[name].map { fields[$0] } ?? "" }
            guard let duration = Double(field("duration")) else {
                throw .malformedLine(file: source, line: line, reason: "duration \"\(field("duration"))\" is not a number")
            }
            let tags = try parseTags(field("tags"), source: source, line: line)
            let entry = ManifestEntry(id: field("id"), audio: field("audio"), text: field("text"), duration: duration,
                                      speaker: field("speaker"), tags: tags)
            if let problem = entry.problem() { throw .malformedLine(file: source, line: line, reason: problem) }
            entries.append(entry)
        }
        let manifest = Manifest(entries: entries)
        try manifest.validateUniqueIDs(source: source)
        return manifest
    }

    private static func parseTags(_ text: String, source: String, line: Int) throws(CorpusError) -> [String: String] {
        var tags: [String: String] = [:]
        for pair in text.split(separator: ";") where !pair.isEmpty {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw .malformedLine(file: source, line: line, reason: "tag \"\(pair)\" is not key=value")
            }
            tags[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return tags
    }
}

extension ManifestCSV {
    public static func read(path: String) throws(CorpusError) -> Manifest {
        try decode(TextFile.read(path: path), source: path)
    }

    /// Writes atomically; the audio paths should already be relative to `path`'s folder.
    public static func write(_ manifest: Manifest, to path: String) throws(CorpusError) {
        try manifest.validateUniqueIDs(source: path)
        try TextFile.writeAtomically(encode(manifest), to: path)
    }
}
