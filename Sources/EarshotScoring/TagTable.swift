import Foundation

/// Tags per utterance from a tags file: one line per utterance, `utt-id key=value key=value`,
/// blank lines and lines starting with `#` ignored. Also reads a Kaldi `utt2spk` file
/// (`utt-id speaker`) as the `speaker` tag.
public struct TagTable: Sendable {
    public var tags: [String: [String: String]]
    public var problems: [ScoringError]

    public init(tags: [String: [String: String]] = [:], problems: [ScoringError] = []) {
        self.tags = tags
        self.problems = problems
    }

    public static func read(path: String, speakerFile: Bool = false) throws -> TagTable {
        let text = try readText(path)
        var table = TagTable()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard let id = fields.first, !id.hasPrefix("#") else { continue }
            if speakerFile {
                guard fields.count == 2 else {
                    table.problems.append(.malformedLine(path: path, line: number + 1, reason: "expected 'utt-id speaker'"))
                    continue
                }
                table.tags[String(id), default: [:]]["speaker"] = String(fields[1])
                continue
            }
            for field in fields.dropFirst() {
                let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    table.problems.append(.malformedLine(path: path, line: number + 1, reason: "'\(field)' is not key=value"))
                    continue
                }
                table.tags[String(id), default: [:]][String(parts[0])] = String(parts[1])
            }
        }
        return table
    }

    /// Adds this table's tags to the utterances (the file wins over manifest fields).
    public func apply(to utterances: inout [UtteranceScore]) {
        for k in utterances.indices {
            if let extra = tags[utterances[k].id] { utterances[k].tags.merge(extra) { _, file in file } }
        }
    }
}

func readText(_ path: String) throws -> String {
    do {
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    } catch {
        throw ScoringError.unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
}
