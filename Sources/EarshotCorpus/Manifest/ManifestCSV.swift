/// Manifests as CSV (RFC 4180 quoting) for spreadsheets: a header
/// `id,audio,text,duration,speaker,tags`, tags written `key=value;key=value` sorted by key.
public enum ManifestCSV {
    public static let header = ["id", "audio", "text", "duration", "speaker", "tags"]

    public static func encode(_ manifest: Manifest) -> String {
        var out = header.joined(separator: ",") + "\n"
        for entry in manifest.entries {
            let tags = entry.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            let fields = [entry.id, entry.audio, entry.text, String(entry.duration), entry.speaker, tags]
            out += fields.map(quoted).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Parses CSV text with a header naming at least `id`, `audio`, `text`, `duration`; the
    /// columns `speaker` and `tags` are optional and may come in any order.
    public static func decode(_ text: String, source: String) throws(CorpusError) -> Manifest {
        let records = try parseRecords(text, source: source)
        guard let (headerLine, headerFields) = records.first else { throw .invalidFile(file: source, reason: "empty CSV, expected a header line") }
        var column: [String: Int] = [:]
        for (index, name) in headerFields.enumerated() { column[name.trimmingCharacters(in: .whitespaces).lowercased()] = index }
        for required in ["id", "audio", "text", "duration"] where column[required] == nil {
            throw .malformedLine(file: source, line: headerLine, reason: "header lacks the column \"\(required)\"")
        }
        var entries: [ManifestEntry] = []
        for (line, fields) in records.dropFirst() {
            if fields == [""] { continue }
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

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Splits CSV into records of fields, each with the line number it starts on.
    static func parseRecords(_ text: String, source: String) throws(CorpusError) -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1, recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = characters.next() } else { inQuotes = false }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: inQuotes = true
            case "\"": throw .malformedLine(file: source, line: line, reason: "quote inside an unquoted field")
            case ",": fields.append(field); field = ""
            case "\n", "\r\n", "\r":
                fields.append(field)
                records.append((recordLine, fields))
                fields = []; field = ""
                line += 1; recordLine = line
            default: field.append(character)
            }
        }
        if inQuotes { throw .malformedLine(file: source, line: recordLine, reason: "quoted field never closed") }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append((recordLine, fields)) }
        return records
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
