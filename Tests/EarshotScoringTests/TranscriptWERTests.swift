import EarshotScoring
import Testing

/// The WER of single transcript pairs that live WER, shadow disagreement and the probe gate use.
@Suite struct TranscriptWERTests {
    @Test func transcriptWERCountsEditsOverReferenceWords() {
        #expect(TranscriptWER.rate([("call mom now", "call mum now")]) == 1.0 / 3)
        #expect(TranscriptWER.rate([("call mom", "call mom"), ("play jazz", "")]) == 0.5)
    }

    /// Live WER and shadow disagreement normalize as `earshot wer` does: case, punctuation,
    /// digits and contractions written differently are not errors; a different word still is.
    @Test func transcriptWERNormalizesLikeEarshotWer() {
        #expect(TranscriptWER.normalizer.name == "standard")
        #expect(TranscriptWER.rate([("Call Mom.", "call mom")]) == 0)
        #expect(TranscriptWER.rate([("What's the weather?", "what is the weather")]) == 0)
        #expect(TranscriptWER.rate([("call 5 5 5", "call five five five")]) == 0)
        #expect(TranscriptWER.rate([("Call Mom.", "call tom")]) == 0.5)
    }
}
