import EarshotText

/// Scores reference/hypothesis pairs one at a time with reused buffers (words are interned
/// to `Int32` once; the alignment matrix is one pair's), accumulating confusions.
public struct CorpusScorer: Sendable {
    public let options: ScoringOptions
    var interner = WordInterner()
    var aligner: WordAligner
    var characters = CharacterDistance()
    var referenceIDs: [Int32] = []
    var hypothesisIDs: [Int32] = []
    var referenceScalars: [UInt32] = []
    var hypothesisScalars: [UInt32] = []
    var confusions = ConfusionCounter()

    public init(options: ScoringOptions = ScoringOptions()) {
        self.options = options
        self.aligner = WordAligner(convention: options.convention)
    }

    /// Scores one pair; a nil hypothesis is a missing one, scored as empty.
    public mutating func score(id: String, reference: String, hypothesis: String?, tags: [String: String] = [:]) -> UtteranceScore {
        let keep = options.keepAlignments
        var refWords: [String] = [], hypWords: [String] = []
        if keep || !Self.tokenizeFast(reference, options.normalizer, &interner, into: &referenceIDs, scalars: &referenceScalars) {
            refWords = options.normalizer.words(reference)
            Self.intern(refWords, with: &interner, into: &referenceIDs, scalars: &referenceScalars)
        }
        if keep || !Self.tokenizeFast(hypothesis ?? "", options.normalizer, &interner, into: &hypothesisIDs, scalars: &hypothesisScalars) {
            hypWords = hypothesis.map { options.normalizer.words($0) } ?? []
            Self.intern(hypWords, with: &interner, into: &hypothesisIDs, scalars: &hypothesisScalars)
        }

        var ops: [EditOp] = []
        let referenceIDs = self.referenceIDs, hypothesisIDs = self.hypothesisIDs
        var confusions = self.confusions
        self.confusions = ConfusionCounter()  // moved out for the closure; moved back below
        defer { self.confusions = confusions }
        let counts = aligner.withOps(reference: referenceIDs, hypothesis: hypothesisIDs) { sequence -> EditCounts in
            var counts = EditCounts()
            var r = 0, h = 0
            for op in sequence {
                counts.add(op)
                switch op {
                case .match: r += 1; h += 1
                case .substitution:
                    let key = Int64(referenceIDs[r]) << 32 | Int64(UInt32(bitPattern: hypothesisIDs[h]))
                    confusions.substitutions[key, default: 0] += 1
                    r += 1; h += 1
                case .deletion: ConfusionCounter.increment(&confusions.deletions, referenceIDs[r]); r += 1
                case .insertion: ConfusionCounter.increment(&confusions.insertions, hypothesisIDs[h]); h += 1
                }
                if keep { ops.append(op) }
            }
            return counts
        }
        let characterErrors = characters.distance(referenceScalars, hypothesisScalars)
        return UtteranceScore(
            id: id, counts: counts, characterErrors: characterErrors, referenceCharacters: referenceScalars.count,
            hypothesisMissing: hypothesis == nil, tags: tags,
            alignment: keep ? AlignedWords(reference: refWords, hypothesis: hypWords, ops: ops) : nil)
    }

    /// The confusion table so far, `limit` entries per list.
    public func confusionTable(limit: Int = 20) -> ConfusionTable {
        confusions.table(limit: limit) { interner.word(for: $0) }
    }

    /// Interns the words of ASCII text straight from its bytes; false if it needs the general path.
    private static func tokenizeFast(_ text: String, _ normalizer: TextNormalizer, _ interner: inout WordInterner,
                                     into ids: inout [Int32], scalars: inout [UInt32]) -> Bool {
        ids.removeAll(keepingCapacity: true)
        scalars.removeAll(keepingCapacity: true)
        return normalizer.withASCIIWords(text) { word in
            ids.append(interner.id(forUTF8: word))
            if !scalars.isEmpty { scalars.append(32) }
            for byte in word { scalars.append(UInt32(byte)) }
        }
    }

    private static func intern(_ words: [String], with interner: inout WordInterner,
                               into ids: inout [Int32], scalars: inout [UInt32]) {
        ids.removeAll(keepingCapacity: true)
        scalars.removeAll(keepingCapacity: true)
        for (k, word) in words.enumerated() {
            ids.append(interner.id(for: word))
            if k > 0 { scalars.append(32) }
            for scalar in word.unicodeScalars { scalars.append(scalar.value) }
        }
    }
}

/// A scored corpus: every reference utterance in file order, the unpaired ids, the pooled
/// counts and the confusions.
public struct CorpusScore: Sendable, Codable {
    public var utterances: [UtteranceScore]
    /// References with no hypothesis line (scored as all deletions).
    public var missingHypotheses: [String]
    /// Hypotheses with no reference (listed, not scored).
    public var extraHypotheses: [String]
    public var confusions: ConfusionTable

    public var totals: EditCounts { utterances.reduce(into: EditCounts()) { $0 += $1.counts } }
    public var characterErrors: Int { utterances.reduce(0) { $0 + $1.characterErrors } }
    public var referenceCharacters: Int { utterances.reduce(0) { $0 + $1.referenceCharacters } }
    public var sentenceErrors: Int { utterances.reduce(0) { $0 + ($1.isCorrect ? 0 : 1) } }

    public var summary: ScoreSummary { ScoreSummary(utterances) }

    /// Pairs the two files by utterance id and scores every reference.
    public static func score(references: TranscriptFile, hypotheses: TranscriptFile,
                             options: ScoringOptions = ScoringOptions(), confusionLimit: Int = 20) -> CorpusScore {
        var scorer = CorpusScorer(options: options)
        var used = [Bool](repeating: false, count: hypotheses.entries.count)
        var utterances: [UtteranceScore] = []
        utterances.reserveCapacity(references.entries.count)
        var missing: [String] = []
        for entry in references.entries {
            var tags = entry.tags
            var hypothesis: String?
            if let k = hypotheses.index[entry.id] {
                used[k] = true
                hypothesis = hypotheses.entries[k].text
                tags.merge(hypotheses.entries[k].tags) { reference, _ in reference }
            } else {
                missing.append(entry.id)
            }
            utterances.append(scorer.score(id: entry.id, reference: entry.text, hypothesis: hypothesis, tags: tags))
        }
        let extra = hypotheses.entries.indices.filter { !used[$0] }.map { hypotheses.entries[$0].id }
        return CorpusScore(utterances: utterances, missingHypotheses: missing, extraHypotheses: extra,
                           confusions: scorer.confusionTable(limit: confusionLimit))
    }
}
