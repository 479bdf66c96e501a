import EarshotText

/// Word error rate between two transcripts, by EarshotText's aligner (jiwer convention) after
/// the normalization `earshot wer` uses by default (`TextNormalizer.standard`). Live WER, shadow
/// disagreement, automation feedback and the probe gate all score through here, so a corrected
/// "Call Mom." against a served "call mom" is no error anywhere, as it is in dev WER.
public enum TranscriptWER {
    public static let normalizer = TextNormalizer.standard

    /// Errors and reference words of one pair, so a corpus WER sums them (not averages rates).
    public static func counts(reference: String, hypothesis: String) -> (errors: Int, words: Int) {
        var aligner = WordAligner()
        let r = normalizer.words(reference)
        let h = normalizer.words(hypothesis)
        let c = aligner.align(reference: r, hypothesis: h).counts
        return (c.substitutions + c.deletions + c.insertions, r.count)
    }

    /// Corpus WER of pairs (errors over reference words); an empty reference with a non-empty
    /// hypothesis counts its insertions against one word so the rate stays finite.
    public static func rate(_ pairs: [(reference: String, hypothesis: String)]) -> Double {
        var errors = 0, words = 0
        for pair in pairs {
            let c = counts(reference: pair.reference, hypothesis: pair.hypothesis)
            errors += c.errors
            words += c.words
        }
        return Double(errors) / Double(max(words, 1))
    }
}
