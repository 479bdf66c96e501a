import EarshotText

/// Pooled counts and every measure for a set of utterances (a corpus, a speaker, a slice).
public struct ScoreSummary: Sendable, Codable, Hashable {
    public var utterances: Int
    public var counts: EditCounts
    public var referenceWords: Int
    public var hypothesisWords: Int
    public var characterErrors: Int
    public var referenceCharacters: Int
    public var sentenceErrors: Int
    public var wer: Double
    public var mer: Double
    public var wil: Double
    public var wip: Double
    public var cer: Double
    /// Sentence error rate: the share of utterances with at least one word error.
    public var ser: Double

    public init<S: Sequence>(_ scores: S) where S.Element == UtteranceScore {
        var counts = EditCounts()
        var n = 0, charErrors = 0, charRef = 0, sentenceErrors = 0
        for score in scores {
            n += 1
            counts += score.counts
            charErrors += score.characterErrors
            charRef += score.referenceCharacters
            if !score.isCorrect { sentenceErrors += 1 }
        }
        let measures = WordMeasures(counts)
        utterances = n
        self.counts = counts
        referenceWords = counts.referenceLength
        hypothesisWords = counts.hypothesisLength
        characterErrors = charErrors
        referenceCharacters = charRef
        self.sentenceErrors = sentenceErrors
        wer = measures.wer
        mer = measures.mer
        wil = measures.wil
        wip = measures.wip
        cer = characterErrorRate(errors: charErrors, referenceCharacters: charRef)
        ser = n == 0 ? 0 : Double(sentenceErrors) / Double(n)
    }
}
