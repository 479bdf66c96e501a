import EarshotCore
import Foundation

/// Rewrites labels under chosen conventions: each kind in `conventions` is brought to its
/// neutral form (the only direction a rule can take: capitals, fillers or digits cannot be
/// restored), the others left as written. Output as TSV, CSV or JSONL by the file's extension.
public enum NormalizedLabelsWriter {
    public static func normalized(_ records: [LabelRecord], conventions: ConventionSet) -> [LabelRecord] {
        let rules = ConventionRules()
        let (clips, _) = LabelAudit.groupByClip(records, source: "")
        var out: [LabelRecord] = []
        out.reserveCapacity(records.count)
        for rows in clips {
            var variants = ClipVariants(raw: rows.map { ConventionRules.tokens($0.text) }, rules: rules)
            let words = variants.words(under: conventions)
            for (row, tokens) in zip(rows, words) {
                var record = row
                record.text = tokens.joined(separator: " ")
                out.append(record)
            }
        }
        return out
    }

    /// Writes `records` atomically to `path`, refusing to replace any of `inputs`.
    public static func write(_ records: [LabelRecord], to path: String, inputs: [String]) throws(LabelsError) {
        let format = LabelReader.detectFormat(path: path, data: Data())
        let tagNames = Array(Set(records.flatMap(\.tags.keys))).sorted()
        var lines: [String] = []
        switch format {
        case .jsonl:
            for record in records {
                var object: [String: String] = record.tags
                object["clip_id"] = record.clipID
                object["annotator"] = record.annotator
                object["text"] = record.text
                lines.append(JSONLines.encode(object))
            }
        case .tsv, .csv:
            let separator = format == .tsv ? "\t" : ","
            let tsv = format == .tsv
            lines.append((["clip_id", "annotator", "text"] + tagNames).joined(separator: separator))
            for record in records {
                let fields = [record.clipID, record.annotator, record.text] + tagNames.map { record.tags[$0] ?? "" }
                lines.append(fields.map { tsv ? tsvField($0) : DelimitedText.csvField($0) }.joined(separator: separator))
            }
        }
        try FileInput.writeAtomically(lines.joined(separator: "\n") + "\n", to: path, inputs: inputs)
    }

    /// A TSV field cannot hold tabs or line breaks: they become spaces.
    static func tsvField(_ value: String) -> String {
        var out = ""
        for character in value { out.append(character == "\t" || character.isNewline ? " " : character) }
        return out
    }
}
