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
    /// Position in `entries` of each utterance id.
    public private(set) var index: [String: Int]
    public var problems: [ScoringError]

    public init(path: String, format: TranscriptFormat, entries: [TranscriptEntry], problems: [ScoringError]) {
        self.path = path
        self.format = format
        self.entries = entries
        self.problems = problems
        index = Dictionary(entries.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    init(path: String, format: TranscriptFormat, entries: [TranscriptEntry], index: [String: Int], problems: [ScoringError]) {
        self.path = path
        self.format = format
        self.entries = entries
        self.index = index
        self.problems = problems
    }
}
