import EarshotCore
import EarshotText
import Foundation
import Testing
@testable import EarshotScoring

@Suite(.timeLimit(.minutes(5))) struct ScoringTests {
    static func file(_ lines: [(String, String)], tags: [String: [String: String]] = [:]) -> TranscriptFile {
        TranscriptFile(path: "mem", format: .kaldi,
                       entries: lines.enumerated().map { TranscriptEntry(id: $0.element.0, text: $0.element.1, line: $0.offset + 1,
                                                                         tags: tags[$0.element.0] ?? [:]) },
                       problems: [])
    }

    @Test func pairingMissingAndExtraHypotheses() {
        let score = CorpusScore.score(references: Self.file([("u1", "a b c"), ("u2", "d e")]),
                                      hypotheses: Self.file([("u1", "a x c"), ("u3", "zzz")]))
        #expect(score.missingHypotheses == ["u2"])
        #expect(score.extraHypotheses == ["u3"])
        #expect(score.utterances[1].counts == EditCounts(deletions: 2))
        #expect(score.utterances[1].hypothesisMissing)
        #expect(score.totals == EditCounts(hits: 2, substitutions: 1, deletions: 2))
        #expect(score.summary.wer == 3.0 / 5.0)
        #expect(score.summary.ser == 1)
        #expect(score.confusions.substitutions == [.init(reference: "b", hypothesis: "x", count: 1)])
        #expect(score.confusions.deletions.map(\.word) == ["d", "e"])
    }

    @Test func chunkedScoringEqualsSequentialScoring() {
        var g = SplitMix64(seed: 5)
        let vocabulary = (0..<300).map { "w\($0)" }
        var references: [(String, String)] = [], hypotheses: [(String, String)] = []
        for k in 0..<1_300 {
            let words = (0..<Int.random(in: 0...8, using: &g)).map { _ in vocabulary.randomElement(using: &g)! }
            references.append(("u\(k)", words.joined(separator: " ")))
            let hyp = words.map { Int.random(in: 0..<5, using: &g) == 0 ? vocabulary.randomElement(using: &g)! : $0 }
            if k % 97 != 0 { hypotheses.append(("u\(k)", hyp.joined(separator: " "))) }
        }
        let refs = Self.file(references), hyps = Self.file(hypotheses)
        let one = CorpusScore.score(references: refs, hypotheses: hyps, confusionLimit: 50, chunks: 1)
        let three = CorpusScore.score(references: refs, hypotheses: hyps, confusionLimit: 50, chunks: 3, minimumChunk: 100)
        #expect(one.utterances.map(\.counts) == three.utterances.map(\.counts))
        #expect(one.utterances.map(\.id) == three.utterances.map(\.id))
        #expect(one.confusions == three.confusions)
        #expect(one.missingHypotheses == three.missingHypotheses && one.missingHypotheses.count == 14)
        #expect(one.summary == three.summary)
    }

    @Test func pairsTooLongToAlignAreReportedNotScored() {
        let long = Array(repeating: "word", count: 8000).joined(separator: " ")
        let score = CorpusScore.score(references: Self.file([("u1", long), ("u2", "a b")]),
                                      hypotheses: Self.file([("u1", long + " extra"), ("u2", "a b")]))
        #expect(score.utterances.map(\.id) == ["u2"])
        #expect(score.problems.count == 1 && score.problems[0].hasPrefix("utterance 'u1': 8000 × 8001 words is too long"))
    }

    @Test func normalizationAppliesToBothSides() {
        let score = CorpusScore.score(references: Self.file([("u1", "I can't pay $5, um, today")]),
                                      hypotheses: Self.file([("u1", "i can not pay five today")]))
        #expect(score.summary.wer == 0)
        let raw = CorpusScore.score(references: Self.file([("u1", "I can't")]), hypotheses: Self.file([("u1", "i can not")]),
                                    options: ScoringOptions(normalizer: .whitespace))
        #expect(raw.totals == EditCounts(substitutions: 2, insertions: 1))  // I/i and can't/can differ as written
    }

    @Test func emptyReferencesFollowJiwer() {
        let m = WordMeasures(EditCounts(insertions: 3))
        #expect(m.wer == 3 && m.mer == 1 && m.wip == 0 && m.wil == 1)
        let silent = WordMeasures(EditCounts())
        #expect(silent.wer == 0 && silent.mer == 0 && silent.wip == 1 && silent.wil == 0)
    }

    @Test func slicesWithBootstrapAndHumanLevel() throws {
        var references: [(String, String)] = [], hypotheses: [(String, String)] = []
        var tags: [String: [String: String]] = [:]
        for k in 0..<40 {
            references.append(("u\(k)", "one two three four"))
            hypotheses.append(("u\(k)", k % 4 == 0 ? "one too three" : (k < 20 ? "one two three four" : "one two tree four")))
            tags["u\(k)"] = ["noise": k < 20 ? "clean" : "car"]
        }
        let score = CorpusScore.score(references: Self.file(references, tags: tags), hypotheses: Self.file(hypotheses))
        let hlp = try HumanLevelTable.parse("slice\thlp_wer\nnoise=car\t0.05\n# comment\nnoise=clean\t0.01\n", path: "hlp.tsv")
        let rows = SliceAnalysis.analyze(score.utterances, humanLevel: hlp, replicates: 500, seed: 3)
        #expect(rows.map(\.name) == ["noise=car", "noise=clean"])
        let car = try #require(rows.first)
        #expect(car.utterances == 20 && car.share == 0.5)
        #expect(abs(car.wer - (5 * 2 + 15 * 1) / 80.0) < 1e-12)
        let interval = try #require(car.interval)
        #expect(interval.low <= car.wer && car.wer <= interval.high && interval.low < interval.high)
        #expect(car.gap == car.wer - 0.05)
        #expect(car.priority == (car.wer - 0.05) * 0.5)
        // Seeded: the same seed gives the same intervals.
        #expect(SliceAnalysis.analyze(score.utterances, humanLevel: hlp, replicates: 500, seed: 3) == rows)
    }

    @Test func humanLevelFormats() throws {
        let json = try HumanLevelTable.parse(#"{"noise=car": 0.062, "bandwidth=8k": 0.08}"#, path: "h.json")
        #expect(json["noise", "car"] == 0.062)
        #expect(throws: ScoringError.self) { try HumanLevelTable.parse("noise=car\tlots\n", path: "h.tsv") }
        #expect(throws: ScoringError.self) { try HumanLevelTable.parse(#"{"car": 0.1}"#, path: "h.json") }
    }

    @Test func comparingASystemWithItselfFindsNoDifference() {
        let refs = Self.file((0..<30).map { ("u\($0)", "a b c d") })
        let hyps = Self.file((0..<30).map { ("u\($0)", $0 % 3 == 0 ? "a x c" : "a b c d") })
        let score = CorpusScore.score(references: refs, hypotheses: hyps)
        let rows = SystemComparison.compare(score.utterances, score.utterances, replicates: 200)
        #expect(rows.count == 1)
        #expect(rows[0].difference == 0 && rows[0].test.pValue == 1 && rows[0].test.signTestPValue == 1)
        #expect(!rows[0].significant)
    }

    @Test func aClearlyBetterSystemIsSignificant() {
        let refs = Self.file((0..<60).map { ("u\($0)", "a b c d") })
        let worse = CorpusScore.score(references: refs, hypotheses: Self.file((0..<60).map { ("u\($0)", $0 % 5 == 0 ? "a b c d" : "x b y d") }))
        let better = CorpusScore.score(references: refs, hypotheses: Self.file((0..<60).map { ("u\($0)", $0 % 7 == 0 ? "a y c d" : "a b c d") }))
        let row = SystemComparison.compare(worse.utterances, better.utterances, replicates: 300, seed: 1)[0]
        #expect(row.difference < 0)
        #expect(row.significant && row.test.signTestPValue < 0.001)
        let interval = row.interval!
        #expect(interval.high < 0 && interval.low <= row.difference && row.difference <= interval.high)
        #expect(row.test.candidateBetter == 48 && row.test.candidateWorse == 2 && row.test.ties == 10)
    }

    @Test func signTestMatchesBinomial() {
        #expect(abs(MatchedPairsTest.signTest(0, 5) - 0.0625) < 1e-12)
        #expect(abs(MatchedPairsTest.signTest(2, 8) - 0.109375) < 1e-9)
        #expect(MatchedPairsTest.signTest(0, 0) == 1)
    }
}
