import EarshotCore
import Foundation

/// Reads a labels file — TSV, CSV (with a header) or JSONL — into `LabelRecord`s. Columns
/// `clip_id`, `annotator` and `text` (or their common aliases) are required except
/// `annotator`; every other column becomes a tag. Unusable rows are kept as problems and
/// skipped, so one bad line never hides the rest of the audit.
public enum LabelReader {
    public enum Format: String, Sendable, CaseIterable {
        case tsv, csv, jsonl
    }

    static let clipAliases = ["clip_id", "clip", "id", "utt_id", "utterance_id", "audio_id"]
    static let annotatorAliases = ["annotator", "annotator_id", "labeler", "labeller", "worker", "worker_id", "rater"]
    static let textAliases = ["text", "transcript", "transcription", "label", "sentence"]
    /// Manifest fields that describe the recording, not a slice of the data: a manifest read
    /// as labels does not slice by audio path.
    static let manifestOnlyFields = ["audio", "audio_filepath", "audio_path", "duration", "offset", "pred_text"]

    public static func read(path: String, format: Format? = nil) throws(LabelsError) -> LabelSet {
        let data = try FileInput.contents(of: path)
        let chosen = format ?? detectFormat(path: path, data: data)
        return try parse(data, path: path, format: chosen)
    }

    /// The format from the file extension, else from the first line's shape.
    public static func detectFormat(path: String, data: Data) -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "json", "ndjson": return .jsonl
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        default:
            let head = data.prefix(4096)
            if head.first(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) == UInt8(ascii: "{") { return .jsonl }
            let firstLine = head.prefix { $0 != 10 }
            return firstLine.contains(9) ? .tsv : .csv
        }
    }

    public static func parse(_ data: Data, path: String, format: Format) throws(LabelsError) -> LabelSet {
        // Spreadsheet exports often start with a UTF-8 byte-order mark; it is not part of the header.
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        var set: LabelSet
        switch format {
        case .jsonl: set = try parseJSONLines(data, path: path)
        case .tsv, .csv: set = try parseDelimited(data, path: path, separator: format == .tsv ? 9 : 44, quoted: format == .csv)
        }
        numberAnonymousAnnotators(&set.records)
        return set
    }

    static func parseDelimited(_ data: Data, path: String, separator: UInt8, quoted: Bool) throws(LabelsError) -> LabelSet {
        let result: Result<[DelimitedText.Row], DelimitedError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(DelimitedError) {
                return .success(try DelimitedText.rows(bytes, separator: separator, quoted: quoted))
            } catch {
                return .failure(error)
            }
        }
        let rows: [DelimitedText.Row]
        switch result {
        case .success(let value): rows = value
        case .failure(let error): throw .malformedLine(path: path, line: error.line, reason: error.reason)
        }
        guard let header = rows.first else { return LabelSet(records: []) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let headerText = header.fields.joined(separator: separator == 9 ? "\\t" : ",")
        guard let clip = names.firstIndex(where: clipAliases.contains) else {
            throw .missingColumn(path: path, column: "clip_id", header: headerText)
        }
        guard let text = names.firstIndex(where: textAliases.contains) else {
            throw .missingColumn(path: path, column: "text", header: headerText)
        }
        let annotator = names.firstIndex(where: annotatorAliases.contains)
        let tagColumns = names.indices.filter { $0 != clip && $0 != text && $0 != annotator }
        var records: [LabelRecord] = []
        records.reserveCapacity(rows.count - 1)
        var problems: [LabelsError] = []
        for row in rows.dropFirst() {
            guard row.fields.count == names.count else {
                problems.append(.malformedLine(path: path, line: row.line,
                                               reason: "\(row.fields.count) fields, the header has \(names.count)"))
                continue
            }
            var clipID = row.fields[clip]
            if clipID.first?.isWhitespace == true || clipID.last?.isWhitespace == true {
                clipID = clipID.trimmingCharacters(in: .whitespaces)
            }
            guard !clipID.isEmpty else {
                problems.append(.malformedLine(path: path, line: row.line, reason: "empty clip id"))
                continue
            }
            var tags: [String: String] = [:]
            for column in tagColumns where !row.fields[column].isEmpty { tags[names[column]] = row.fields[column] }
            records.append(LabelRecord(clipID: clipID, annotator: annotator.map { row.fields[$0] } ?? "",
                                       text: row.fields[text], tags: tags, line: row.line))
        }
        return LabelSet(records: records, problems: problems)
    }

    static func parseJSONLines(_ data: Data, path: String) throws(LabelsError) -> LabelSet {
        var records: [LabelRecord] = []
        var problems: [LabelsError] = []
        for (line, object) in JSONLines.objects(in: data, path: path, problems: &problems) {
            var fields = JSONLines.flatten(object)
            guard let clipKey = clipAliases.first(where: { fields[$0] != nil }), let clipID = fields[clipKey], !clipID.isEmpty else {
                problems.append(.malformedLine(path: path, line: line, reason: "no clip_id (or id) field"))
                continue
            }
            guard let textKey = textAliases.first(where: { fields[$0] != nil }), let text = fields[textKey] else {
                problems.append(.malformedLine(path: path, line: line, reason: "no text field"))
                continue
            }
            let annotatorKey = annotatorAliases.first { fields[$0] != nil }
            let annotator = annotatorKey.flatMap { fields[$0] } ?? ""
            for key in [clipKey, textKey, annotatorKey].compactMap({ $0 }) + Self.manifestOnlyFields { fields[key] = nil }
            records.append(LabelRecord(clipID: clipID, annotator: annotator, text: text, tags: fields, line: line))
        }
        return LabelSet(records: records, problems: problems)
    }

    /// Rows without an annotator column are named by their order within the clip
    /// ("#1", "#2", ...), so pairs still form and the report says which row is which.
    static func numberAnonymousAnnotators(_ records: inout [LabelRecord]) {
        guard records.contains(where: { $0.annotator.isEmpty }) else { return }
        var seen: [String: Int] = [:]
        for k in records.indices where records[k].annotator.isEmpty {
            let n = seen[records[k].clipID, default: 0] + 1
            seen[records[k].clipID] = n
            records[k].annotator = "#\(n)"
        }
    }
}
