import EarshotText

/// The transcript file formats `earshot wer` reads.
public enum TranscriptFormat: String, Sendable, Codable, CaseIterable {
    /// Kaldi `text`: `utt-id word word ...` per line.
    case kaldi
    /// Tab-separated with a header naming `id` and `text` (or `pred_text`) columns.
    case tsv
    /// Comma-separated (RFC 4180 quoting) with the same header as `tsv`.
    case csv
    /// JSON Lines manifests as NeMo writes them: `id` (or `utt_id`, else `audio_filepath`),
    /// `text`, and `pred_text` for hypotheses; other scalar fields become tags.
    case jsonl
    /// sclite `trn`: `word word ... (utt-id)` per line.
    case trn

    /// The format implied by a file name's extension; Kaldi text otherwise.
    public static func detect(path: String) -> TranscriptFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") { return .jsonl }
        if lower.hasSuffix(".tsv") { return .tsv }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".trn") { return .trn }
        return .kaldi
    }
}

/// Whether a file holds references or hypotheses (hypotheses prefer a `pred_text` field).
public enum TranscriptRole: String, Sendable, Codable {
    case reference, hypothesis
}

/// One utterance read from a transcript file.
public struct TranscriptEntry: Sendable, Hashable {
    public var id: String
    public var text: String
    /// 1-based line number in the file, for messages.
    public var line: Int
    /// Manifest fields usable as slice tags (`noise=car`), empty for plain-text formats.
    public var tags: [String: String]

    public init(id: String, text: String, line: Int, tags: [String: String] = [:]) {
        self.id = id
        self.text = text
        self.line = line
        self.tags = tags
    }
}

/// A transcript file's utterances in file order, with the problems of lines that were
/// skipped (malformed or duplicate) so the caller can report them and keep going.
public struct TranscriptFile: Sendable {
    public var path: String
    public var format: TranscriptFormat
    public private(set) var entries: [TranscriptEntry]
    /// Utterance ids interned in entry order, so an id's number is its position in `entries`
    /// (cheaper than a `Dictionary` for the hundred thousand ids of a large test set).
    var index: WordInterner
    public var problems: [ScoringError]

    /// A file from entries with unique ids (later duplicates are dropped).
    public init(path: String, format: TranscriptFormat, entries: [TranscriptEntry], problems: [ScoringError]) {
        var index = WordInterner()
        var unique: [TranscriptEntry] = []
        for entry in entries where Int(index.id(for: entry.id)) == unique.count {
            unique.append(entry)  // a new id is numbered unique.count; a duplicate is lower
        }
        self.init(path: path, format: format, entries: unique, index: index, problems: problems)
    }

    init(path: String, format: TranscriptFormat, entries: [TranscriptEntry], index: WordInterner, problems: [ScoringError]) {
        self.path = path
        self.format = format
        self.entries = entries
        self.index = index
        self.problems = problems
    }

    /// The position in `entries` of the utterance with this id.
    public func position(of id: String) -> Int? { index.existingID(for: id).map(Int.init) }
}
