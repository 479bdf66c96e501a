import EarshotText
import Foundation
import Testing
@testable import EarshotScoring

/// The output of Tests/Reference/wer_reference.py: pairs scored by jiwer 4.0.0 and sclite.
struct ReferenceSet: Decodable {
    struct Measures: Decodable {
        let hits, substitutions, deletions, insertions: Int
        let wer, mer, wil, wip, cer: Double
    }
    struct Counts: Decodable { let hits, substitutions, deletions, insertions: Int }
    struct Pair: Decodable { let ref: String; let hyp: String; let jiwer: Measures; let sclite: Counts? }

    struct ScliteSummary: Decodable {
        let sentences, words: Int
        let percent: [String: Double]
    }

    let sclite: Bool
    let scliteSummary: ScliteSummary?
    let corpus: Measures
    let pairs: [Pair]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ url: URL) throws -> ReferenceSet {
        try JSONDecoder().decode(ReferenceSet.self, from: Data(contentsOf: url))
    }

    /// Scores every pair with Earshot (jiwer's whitespace-only normalization, like jiwer's
    /// default transform) and returns a message per disagreement with jiwer or sclite.
    func disagreements() throws -> [String] {
        var problems: [String] = []
        var jiwerScorer = CorpusScorer(options: ScoringOptions(convention: .jiwer, normalizer: .whitespace))
        var scliteScorer = CorpusScorer(options: ScoringOptions(convention: .sclite, normalizer: .whitespace))
        var scores: [UtteranceScore] = [], scliteScores: [UtteranceScore] = []
        for (k, pair) in pairs.enumerated() {
            let score = try jiwerScorer.score(id: "\(k)", reference: pair.ref, hypothesis: pair.hyp)
            scores.append(score)
            let m = score.measures, want = pair.jiwer
            let got = [Double(score.counts.hits), Double(score.counts.substitutions), Double(score.counts.deletions),
                       Double(score.counts.insertions), m.wer, m.mer, m.wil, m.wip, score.cer]
            let expected = [Double(want.hits), Double(want.substitutions), Double(want.deletions), Double(want.insertions),
                            want.wer, want.mer, want.wil, want.wip, want.cer]
            if got != expected { problems.append("jiwer '\(pair.ref)' | '\(pair.hyp)': got \(got), want \(expected)") }
            if let want = pair.sclite {
                let scliteScore = try scliteScorer.score(id: "\(k)", reference: pair.ref, hypothesis: pair.hyp)
                scliteScores.append(scliteScore)
                let counts = scliteScore.counts
                if counts != EditCounts(hits: want.hits, substitutions: want.substitutions, deletions: want.deletions, insertions: want.insertions) {
                    problems.append("sclite '\(pair.ref)' | '\(pair.hyp)': got \(counts), want \(want)")
                }
            }
        }
        if let want = scliteSummary {
            // sclite's Sum/Avg row, printed to one decimal as sclite does.
            let s = ScoreSummary(scliteScores), n = Double(s.referenceWords)
            func percent(_ x: Int, of total: Double) -> Double { Double(String(format: "%.1f", 100 * Double(x) / total)) ?? -1 }
            let got: [String: Double] = [
                "corr": percent(s.counts.hits, of: n), "sub": percent(s.counts.substitutions, of: n),
                "del": percent(s.counts.deletions, of: n), "ins": percent(s.counts.insertions, of: n),
                "err": percent(s.counts.errors, of: n), "serr": percent(s.sentenceErrors, of: Double(s.utterances)),
            ]
            if got != want.percent || s.utterances != want.sentences || s.referenceWords != want.words {
                problems.append("sclite summary: got \(s.utterances) \(s.referenceWords) \(got), want \(want)")
            }
        }
        let pooled = ScoreSummary(scores)
        let got = [Double(pooled.counts.hits), Double(pooled.counts.substitutions), Double(pooled.counts.deletions),
                   Double(pooled.counts.insertions), pooled.wer, pooled.mer, pooled.wil, pooled.wip, pooled.cer]
        let c = corpus
        let expected = [Double(c.hits), Double(c.substitutions), Double(c.deletions), Double(c.insertions), c.wer, c.mer, c.wil, c.wip, c.cer]
        for (a, b) in zip(got, expected) where abs(a - b) > 1e-12 * max(1, abs(b)) {
            problems.append("pooled: got \(got), want \(expected)")
            break
        }
        return problems
    }
}

@Suite(.timeLimit(.minutes(5))) struct ReferenceMeasuresTests {
    @Test func committedReferenceSetAgreesWithJiwerAndSclite() throws {
        let set = try ReferenceSet.load(ReferenceSet.repositoryRoot.appendingPathComponent("Fixtures/wer/reference_pairs.json"))
        #expect(set.sclite && set.scliteSummary != nil, "the committed set must include sclite's counts and summary")
        #expect(set.pairs.count > 500)
        let problems = try set.disagreements()
        #expect(problems.isEmpty, "\(problems.count) disagreements, first: \(problems.prefix(3))")
    }
}
