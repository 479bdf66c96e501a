import EarshotText

/// Everything `earshot wer` reports, as one value: rendered as text, CSV or JSON.
public struct WerReport: Sendable, Codable {
    public struct Input: Sendable, Codable, Hashable {
        public var path: String
        public var format: TranscriptFormat
        public var utterances: Int
    }

    /// One utterance's counts and measures (and alignment when kept).
    public struct Utterance: Sendable, Codable {
        public var id: String
        public var hits, substitutions, deletions, insertions, referenceWords: Int
        public var wer, mer, wil, wip, cer: Double
        public var hypothesisMissing: Bool
        public var alignment: AlignedWords?

        init(_ score: UtteranceScore) {
            id = score.id
            hits = score.counts.hits
            substitutions = score.counts.substitutions
            deletions = score.counts.deletions
            insertions = score.counts.insertions
            referenceWords = score.counts.referenceLength
            let m = score.measures
            wer = m.wer; mer = m.mer; wil = m.wil; wip = m.wip
            cer = score.cer
            hypothesisMissing = score.hypothesisMissing
            alignment = score.alignment
        }
    }

    public struct Comparison: Sendable, Codable {
        public var hypothesis: Input
        public var summary: ScoreSummary
        public var test: String
        public var rows: [ComparisonRow]
    }

    public var reference: Input
    public var hypothesis: Input
    public var alignment: AlignmentConvention
    public var alignmentDescription: String
    public var normalization: TextNormalizer
    public var summary: ScoreSummary
    public var utterances: [Utterance]
    public var missingHypotheses: [String]
    public var extraHypotheses: [String]
    public var confusions: ConfusionTable
    public var speakers: [SpeakerRow]
    public var slices: [SliceRow]
    public var comparison: Comparison?
    /// Utterance confidence against exact correctness, when the hypotheses carry a confidence.
    public var calibration: CalibrationReport?
    /// Skipped lines and other input problems, one message each.
    public var problems: [String]
    public var maxWER: Double?

    /// Whether `maxWER` is set and the corpus WER is above it.
    public var gateExceeded: Bool { maxWER.map { summary.wer > $0 } ?? false }
}

/// What `earshot wer` was asked to do; `run()` reads, scores and analyses, and returns the
/// report. Only unreadable files throw; bad lines are skipped and listed in `problems`.
public struct WerJob: Sendable {
    public var referencePath: String
    public var hypothesisPath: String
    public var comparePath: String?
    public var referenceFormat: TranscriptFormat?
    public var hypothesisFormat: TranscriptFormat?
    public var options: ScoringOptions
    public var tagsPath: String?
    public var speakerPath: String?
    /// Take each utterance's speaker from its id (`spk_utt`, `spk-utt`) when no tag gives one.
    public var speakerFromID: Bool
    public var humanLevelPath: String?
    public var sliceTags: [String]?
    public var replicates: Int
    public var seed: UInt64
    public var confusionLimit: Int
    public var maxWER: Double?

    public init(referencePath: String, hypothesisPath: String, comparePath: String? = nil,
                referenceFormat: TranscriptFormat? = nil, hypothesisFormat: TranscriptFormat? = nil,
                options: ScoringOptions = ScoringOptions(), tagsPath: String? = nil, speakerPath: String? = nil,
                speakerFromID: Bool = false, humanLevelPath: String? = nil, sliceTags: [String]? = nil,
                replicates: Int = Bootstrap.defaultReplicates, seed: UInt64 = 0, confusionLimit: Int = 10,
                maxWER: Double? = nil) {
        self.referencePath = referencePath
        self.hypothesisPath = hypothesisPath
        self.comparePath = comparePath
        self.referenceFormat = referenceFormat
        self.hypothesisFormat = hypothesisFormat
        self.options = options
        self.tagsPath = tagsPath
        self.speakerPath = speakerPath
        self.speakerFromID = speakerFromID
        self.humanLevelPath = humanLevelPath
        self.sliceTags = sliceTags
        self.replicates = replicates
        self.seed = seed
        self.confusionLimit = confusionLimit
        self.maxWER = maxWER
    }

    /// Calibration over the utterances whose hypothesis carries a confidence; an utterance is
    /// right when its transcript has no error at all.
    static func calibration(_ utterances: [UtteranceScore]) -> CalibrationReport? {
        let scored = utterances.compactMap { utterance -> (Double, Bool)? in
            guard let confidence = utterance.tags[TranscriptReader.confidenceTag].flatMap(Double.init), confidence.isFinite else { return nil }
            return (confidence, utterance.isCorrect)
        }
        return CalibrationReport.measure(confidences: scored.map(\.0), correct: scored.map(\.1))
    }

    public func run() throws -> WerReport {
        let references = try TranscriptReader.read(path: referencePath, format: referenceFormat, role: .reference)
        let hypotheses = try TranscriptReader.read(path: hypothesisPath, format: hypothesisFormat, role: .hypothesis)
        var problems = (references.problems + hypotheses.problems).map(\.description)
        var tables: [TagTable] = []
        if let tagsPath { tables.append(try TagTable.read(path: tagsPath)) }
        if let speakerPath { tables.append(try TagTable.read(path: speakerPath, speakerFile: true)) }
        problems += tables.flatMap(\.problems).map(\.description)
        let humanLevel = try humanLevelPath.map { try HumanLevelTable.read(path: $0) }

        var score = CorpusScore.score(references: references, hypotheses: hypotheses, options: options,
                                      confusionLimit: confusionLimit)
        for table in tables { table.apply(to: &score.utterances) }
        if speakerFromID { SpeakerTable.tagSpeakersFromIDs(&score.utterances) }
        problems += score.problems

        var comparison: WerReport.Comparison?
        if let comparePath {
            let other = try TranscriptReader.read(path: comparePath, format: hypothesisFormat, role: .hypothesis)
            problems += other.problems.map(\.description)
            var scoreB = CorpusScore.score(references: references, hypotheses: other,
                                           options: ScoringOptions(convention: options.convention, normalizer: options.normalizer),
                                           confusionLimit: confusionLimit)
            for table in tables { table.apply(to: &scoreB.utterances) }
            if speakerFromID { SpeakerTable.tagSpeakersFromIDs(&scoreB.utterances) }
            problems += scoreB.problems.map { "\(comparePath): \($0)" }
            comparison = .init(
                hypothesis: .init(path: comparePath, format: other.format, utterances: other.entries.count),
                summary: scoreB.summary,
                test: "paired bootstrap 95% interval of WER(B) − WER(A) over utterances; MAPSSWE-style matched-pairs z test with the utterance as segment; exact sign test",
                rows: SystemComparison.compare(score.utterances, scoreB.utterances, tags: sliceTags,
                                               replicates: replicates, seed: seed))
        }

        return WerReport(
            reference: .init(path: referencePath, format: references.format, utterances: references.entries.count),
            hypothesis: .init(path: hypothesisPath, format: hypotheses.format, utterances: hypotheses.entries.count),
            alignment: options.convention, alignmentDescription: options.convention.summary,
            normalization: options.normalizer, summary: score.summary,
            utterances: score.utterances.map(WerReport.Utterance.init),
            missingHypotheses: score.missingHypotheses, extraHypotheses: score.extraHypotheses,
            confusions: score.confusions, speakers: SpeakerTable.rows(score.utterances),
            slices: SliceAnalysis.analyze(score.utterances, tags: sliceTags, humanLevel: humanLevel,
                                          replicates: replicates, seed: seed),
            comparison: comparison, calibration: Self.calibration(score.utterances), problems: problems, maxWER: maxWER)
    }
}
