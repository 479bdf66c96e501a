import Testing
@testable import EarshotLabels

/// Seeded random transcripts with every kind of mark, digit and odd character: the audit must
/// never trap, and its findings must be consistent whatever the input.
@Suite(.timeLimit(.minutes(5))) struct AuditPropertyTests {
    static let pieces = ["um", "Um,", "uh...", "Hmm", "the", "The", "weather", "today's", "don't", "do", "not", "7", "seven",
                         "3.5", "1,200", "voice", "mail", "voicemail", "voice-mail", "it's", "it", "is", "café", "naïve",
                         "…", "-", "'", "’s", "I’m", "—", "🙂", "?", "ok.", "OK", "twenty-one", "x-", "-y", "a'", "'b"]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func randomRecords(seed: UInt64, clips: Int) -> [LabelRecord] {
        var random = Generator(state: seed)
        var records: [LabelRecord] = []
        for clip in 0..<clips {
            let base = (0..<random.next(6)).map { _ in Self.pieces[random.next(Self.pieces.count)] }
            for annotator in 0..<(1 + random.next(4)) {
                var words = base
                if !words.isEmpty, random.next(3) == 0 { words[random.next(words.count)] = Self.pieces[random.next(Self.pieces.count)] }
                if random.next(4) == 0 { words.insert(Self.pieces[random.next(Self.pieces.count)], at: random.next(words.count + 1)) }
                records.append(LabelRecord(clipID: "c\(clip)", annotator: "a\(annotator)", text: words.joined(separator: " "),
                                           tags: ["group": "\(clip % 3)"]))
            }
        }
        return records
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyDifferenceIsExplainedAndCountsAddUp(seed: UInt64) {
        let records = randomRecords(seed: seed, clips: 150)
        let report = LabelAudit().run(LabelSet(records: records), source: "random")
        for pair in report.disagreeingPairs {
            #expect(pair.isConventionInconsistency || pair.isSubstantive, "unexplained: \(pair.texts)")
            #expect(pair.rawWER >= 0 && pair.normalizedWER >= 0)
        }
        let sliced = report.humanLevel.slices.reduce(0) { $0 + $1.pairs }
        #expect(sliced == report.humanLevel.overall.pairs)
        #expect(report.flaggedClips.map(\.disagreement) == report.flaggedClips.map(\.disagreement).sorted(by: >))
        let normalized = NormalizedLabelsWriter.normalized(records, conventions: .all)
        #expect(normalized.count == records.count)
    }

    @Test func findingsDoNotDependOnTranscriptOrder() {
        let records = randomRecords(seed: 9, clips: 100)
        let forward = LabelAudit().run(LabelSet(records: records), source: "f")
        let backward = LabelAudit().run(LabelSet(records: records.reversed()), source: "b")
        let kinds = { (report: LabelAuditReport) in
            Dictionary(uniqueKeysWithValues: report.clipFindings.map { ($0.clipID, Set($0.conventionKinds)) })
        }
        #expect(kinds(forward) == kinds(backward))
        #expect(forward.humanLevel.overall.errors == backward.humanLevel.overall.errors)
        #expect(forward.humanLevel.overall.words == backward.humanLevel.overall.words)
    }
}
