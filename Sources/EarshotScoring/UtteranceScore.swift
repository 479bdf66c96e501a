import EarshotText

/// The normalized words of one utterance and their alignment, for REF/HYP printing.
public struct AlignedWords: Sendable, Hashable, Codable {
    public var reference: [String]
    public var hypothesis: [String]
    public var ops: [EditOp]
}

/// The score of one reference/hypothesis pair.
public struct UtteranceScore: Sendable, Codable {
    public var id: String
    public var counts: EditCounts
    /// Character edit distance between the normalized texts (words joined by one space).
    public var characterErrors: Int
    public var referenceCharacters: Int
    /// True when the hypothesis file had no line for this reference (scored as all deletions).
    public var hypothesisMissing: Bool
    public var tags: [String: String]
    public var alignment: AlignedWords?

    public var measures: WordMeasures { WordMeasures(counts) }
    public var cer: Double { characterErrorRate(errors: characterErrors, referenceCharacters: referenceCharacters) }
    public var isCorrect: Bool { counts.errors == 0 }
}

/// How the corpus is scored.
public struct ScoringOptions: Sendable {
    public var convention: AlignmentConvention
    public var normalizer: TextNormalizer
    /// Keep every utterance's words and ops (for REF/HYP reports); costs memory per word.
    public var keepAlignments: Bool

    public init(convention: AlignmentConvention = .jiwer, normalizer: TextNormalizer = .standard, keepAlignments: Bool = false) {
        self.convention = convention
        self.normalizer = normalizer
        self.keepAlignments = keepAlignments
    }
}
