/// One convention kind across the label set.
public struct ConventionSummary: Sendable, Hashable, Codable {
    public var kind: ConventionKind
    public var title: String
    /// Pairs of transcripts of the same clip that this kind's rule (partly) reconciles.
    public var inconsistentPairs: Int
    public var inconsistentClips: Int
    public var examples: [PairFinding]
    /// Transcripts using the marked form (capitals, punctuation, fillers, digits,
    /// contractions, hyphens) among those that say anything about this kind.
    public var usage: ConventionUsage
    /// The majority's form, recommended for the whole set.
    public var recommended: String
    /// Whether the recommended form is the neutral one, which `--write-normalized` imposes.
    public var recommendsNeutralForm: Bool
}

/// One annotator against the consensus, with their habits.
public struct AnnotatorSummary: Sendable, Hashable, Codable {
    public var annotator: String
    public var labels: Int
    /// Clips with three or more transcripts, where a consensus outvotes any one annotator.
    public var clipsScored: Int
    public var errors: Int
    public var consensusWords: Int
    /// Per convention kind (raw value), the share of this annotator's eligible transcripts
    /// using the marked form: `fillers: 0.0` is someone who drops fillers.
    public var habits: [String: Double]

    public var werAgainstConsensus: Double { consensusWords > 0 ? Double(errors) / Double(consensusWords) : 0 }
}

/// Everything `earshot audit` learns from a labels file.
public struct LabelAuditReport: Sendable, Codable {
    public var source: String
    public var labels: Int
    public var clips: Int
    public var multiTranscriptClips: Int
    public var annotators: Int
    /// How "normalized" WER is computed.
    public var normalization: String
    public var conventions: [ConventionSummary]
    /// Every pair of transcripts of the same clip that differ as written.
    public var disagreeingPairs: [PairFinding]
    /// Of those, the pairs that differ only in convention (normalized WER 0), and the pairs
    /// whose words differ once every convention is reconciled.
    public var conventionOnlyPairs: Int
    public var substantivePairs: Int
    /// Every clip with several transcripts, in input order.
    public var clipFindings: [ClipFinding]
    public var flagThreshold: Double
    /// Clips over the threshold, worst first.
    public var flaggedClips: [ClipFinding]
    public var annotatorSummaries: [AnnotatorSummary]
    public var humanLevel: HumanLevelPerformance
    /// Clips with a convention inconsistency or flagged, over clips with several transcripts.
    public var inconsistentClips: Int
    public var inconsistencyRate: Double
    /// Rows that could not be used, with file, line and reason.
    public var problems: [String]

    /// The conventions `--write-normalized` imposes: the neutral forms the majority uses.
    public var chosenConventions: ConventionSet {
        ConventionSet(conventions.filter(\.recommendsNeutralForm).map(\.kind))
    }
}
