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

    let sclite: Bool
    let corpus: Measures
    let pairs: [Pair]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ url: URL) throws -> ReferenceSet {
        try JSONDecoder().decode(ReferenceSet.self, from: Data(contentsOf: url))
    }

    /// Scores every pair with Earshot (jiwer's whitespace-only normalization, like jiwer's
    /// default transform) and returns a message per disagreement with jiwer or sclite.
    func disagreements() -> [String] {
        var problems: [String] = []
        var jiwerScorer = CorpusScorer(options: ScoringOptions(convention: .jiwer, normalizer: .whitespace))
        var scliteScorer = CorpusScorer(options: ScoringOptions(convention: .sclite, normalizer: .whitespace))
        var scores: [UtteranceScore] = []
        for (k, pair) in pairs.enumerated() {
            let score = jiwerScorer.score(id: "\(k)", reference: pair.ref, hypothesis: pair.hyp)
            scores.append(score)
            let m = score.measures, want = pair.jiwer
            let got = [Double(score.counts.hits), Double(score.counts.substitutions), Double(score.counts.deletions),
                       Double(score.counts.insertions), m.wer, m.mer, m.wil, m.wip, score.cer]
            let expected = [Double(want.hits), Double(want.substitutions), Double(want.deletions), Double(want.insertions),
                            want.wer, want.mer, want.wil, want.wip, want.cer]
            if got != expected { problems.append("jiwer '\(pair.ref)' | '\(pair.hyp)': got \(got), want \(expected)") }
            if let want = pair.sclite {
                let counts = scliteScorer.score(id: "\(k)", reference: pair.ref, hypothesis: pair.hyp).counts
                if counts != EditCounts(hits: want.hits, substitutions: want.substitutions, deletions: want.deletions, insertions: want.insertions) {
                    problems.append("sclite '\(pair.ref)' | '\(pair.hyp)': got \(counts), want \(want)")
                }
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

@Suite struct ReferenceMeasuresTests {
    @Test func committedReferenceSetAgreesWithJiwerAndSclite() throws {
        let set = try ReferenceSet.load(ReferenceSet.repositoryRoot.appendingPathComponent("Fixtures/wer/reference_pairs.json"))
        #expect(set.sclite, "the committed set must include sclite's counts")
        #expect(set.pairs.count > 500)
        let problems = set.disagreements()
        #expect(problems.isEmpty, "\(problems.count) disagreements, first: \(problems.prefix(3))")
    }
}
