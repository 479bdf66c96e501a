import Testing
@testable import EarshotLabels

/// Pairs differing by one convention each are reconciled by exactly that rule.
@Suite(.timeLimit(.minutes(5))) struct ConventionTests {
    func audit(_ texts: [String]) -> LabelAuditReport {
        let records = texts.enumerated().map { LabelRecord(clipID: "c", annotator: "a\($0.offset)", text: $0.element) }
        return LabelAudit().run(LabelSet(records: records), source: "test")
    }

    func rules(_ a: String, _ b: String) -> [ConventionKind] {
        let report = audit([a, b])
        return report.disagreeingPairs.first?.reconciledBy ?? []
    }

    @Test func courseExampleIsAFillerAndPunctuationInconsistency() throws {
        let report = audit(["Um, today's weather", "Um... today's weather", "Today's weather"])
        #expect(report.disagreeingPairs.count == 3)
        let first = try #require(report.disagreeingPairs.first)
        #expect(first.reconciledBy == [.punctuation])
        #expect(abs(first.rawWER - 1.0 / 3) < 1e-9)
        #expect(first.normalizedWER == 0)
        let kinds = Set(report.disagreeingPairs.flatMap(\.reconciledBy))
        #expect(kinds.isSuperset(of: [.fillers, .punctuation]))
        #expect(report.disagreeingPairs.allSatisfy { !$0.isSubstantive })
        #expect(report.flaggedClips.isEmpty)
        #expect(report.clipFindings.first?.consensus == "today's weather")
        #expect(report.text().contains("filler words"))
    }

    @Test(arguments: [
        ("Call Mom", "call mom", ConventionKind.casing),
        ("what time is it?", "what time is it", .punctuation),
        ("so... what now", "so what now", .punctuation),
        ("uh play some jazz", "play some jazz", .fillers),
        ("Hmmm okay", "okay", .fillers),
        ("set an alarm for 7", "set an alarm for seven", .numbers),
        ("wake me at 6 30", "wake me at six thirty", .numbers),
        ("don't stop", "do not stop", .contractions),
        ("we're here", "we are here", .contractions),
        ("check my voice mail", "check my voicemail", .compounds),
        ("a well-known place", "a well known place", .compounds),
    ])
    func singleConventionIsNamed(a: String, b: String, kind: ConventionKind) {
        #expect(rules(a, b) == [kind])
    }

    @Test func substantiveDifferenceIsNotAConvention() {
        let report = audit(["navigate to boston", "navigate to austin"])
        let pair = report.disagreeingPairs[0]
        #expect(pair.reconciledBy.isEmpty)
        #expect(pair.isSubstantive)
        #expect(abs(pair.normalizedWER - 1.0 / 3) < 1e-9)
        #expect(report.flaggedClips.map(\.clipID) == ["c"])
    }

    @Test func mixedPairNamesEveryRuleAndKeepsTheSubstantivePart() {
        let kinds = rules("Uh, I'd like 2 tickets please", "I would like two tickets")
        #expect(kinds == [.punctuation, .fillers, .numbers, .contractions])
        let report = audit(["Uh, I'd like 2 tickets please", "I would like two tickets"])
        // "please" remains: 1 edit over a mean length of 5.5 reconciled words.
        #expect(abs(report.disagreeingPairs[0].normalizedWER - 1 / 5.5) < 1e-9)
    }

    @Test func identicalTranscriptsProduceNoFinding() {
        let report = audit(["Turn off the TV.", "Turn off the TV.", "Turn off the TV."])
        #expect(report.disagreeingPairs.isEmpty)
        #expect(report.inconsistencyRate == 0)
        #expect(report.humanLevel.overall.wer == 0)
    }

    @Test func fillerWordsAreRecognizedCaseInsensitivelyButNotInsideWords() {
        #expect(FillerWords.isFiller("Ummm"))
        #expect(FillerWords.isFiller("uh"))
        #expect(!FillerWords.isFiller("umbrella"))
        #expect(!FillerWords.isFiller("her"))
    }

    @Test func compoundsAreJoinedOnlyWhenSomeoneWroteThemJoined() {
        let outcome = CompoundJoiner.join([["twenty-one", "days"], ["twenty", "one", "days"]])
        #expect(outcome.transcripts[0] == ["twenty", "one", "days"])
        #expect(outcome.transcripts[1] == ["twenty", "one", "days"])
        let joined = CompoundJoiner.join([["voice", "mail"], ["voicemail"]])
        #expect(joined.transcripts == [["voicemail"], ["voicemail"]])
    }
}
