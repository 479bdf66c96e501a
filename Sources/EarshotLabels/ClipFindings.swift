/// Two transcripts of one clip that are not identical as written.
public struct PairFinding: Sendable, Hashable, Codable {
    public var clipID: String
    public var annotators: [String]
    public var texts: [String]
    /// Word error rate between the transcripts as written (white space only normalized).
    public var rawWER: Double
    /// Word error rate once every convention is reconciled: the substantive disagreement.
    public var normalizedWER: Double
    /// The rules that reconcile (part of) the difference; empty when it is all substantive.
    public var reconciledBy: [ConventionKind]

    /// Whether the pair differs in writing convention.
    public var isConventionInconsistency: Bool { !reconciledBy.isEmpty }
    /// Whether words differ after every convention is reconciled.
    public var isSubstantive: Bool { normalizedWER > 0 }
}

/// The audit of one clip with several transcripts.
public struct ClipFinding: Sendable, Hashable, Codable {
    public var clipID: String
    public var annotators: [String]
    public var texts: [String]
    /// Pooled pairwise WER after every convention is reconciled (edits over mean length).
    public var disagreement: Double
    /// Word-level alignment vote around the medoid transcript, in reconciled form.
    public var consensus: String
    /// Convention kinds on which the transcripts disagree.
    public var conventionKinds: [ConventionKind]
    /// Disagreement over the threshold: relabel.
    public var flagged: Bool
}

/// Word errors of one annotator's transcript against a clip's consensus.
struct AnnotatorScore {
    var annotator: String
    var errors: Int
    var consensusWords: Int
}

/// Edit counts of a pair for the human-level performance, with the tags both rows share.
struct PairScore {
    var errors: Int
    var words: Int
    var tags: [String: String]
}
