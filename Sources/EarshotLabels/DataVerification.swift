/// The checks run on a manifest before training.
public enum VerificationCheck: String, Sendable, Hashable, Codable, CaseIterable {
    case missingAudio = "missing-audio"
    case unreadableAudio = "unreadable-audio"
    case emptyTranscript = "empty-transcript"
    case disallowedCharacters = "disallowed-characters"
    case outOfVocabulary = "out-of-vocabulary"
    case speakingRateOutlier = "speaking-rate-outlier"
    case identicalAudioDifferentLabels = "identical-audio-different-labels"
    case duplicateID = "duplicate-id"
    case sampleRateMismatch = "sample-rate-mismatch"
    case clipping
    case silence
}

/// One problem with one manifest entry.
public struct VerificationFinding: Sendable, Hashable, Codable {
    public var id: String
    public var line: Int
    public var audio: String
    public var check: VerificationCheck
    public var detail: String
}

/// The result of verifying a manifest.
public struct VerificationReport: Sendable, Codable {
    public var manifest: String
    public var entries: Int
    /// Entries whose audio was decoded and measured.
    public var audioMeasured: Int
    /// Median and scaled median absolute deviation of characters per second.
    public var medianCharactersPerSecond: Double?
    public var madCharactersPerSecond: Double?
    public var findings: [VerificationFinding]
    /// Lines of the manifest that could not be read.
    public var problems: [String]

    public func count(_ check: VerificationCheck) -> Int { findings.filter { $0.check == check }.count }
    /// Ids with at least one finding.
    public var flaggedIDs: Set<String> { Set(findings.map(\.id)) }
}
