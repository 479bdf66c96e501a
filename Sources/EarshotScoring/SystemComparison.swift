import Foundation

/// Matched-pairs tests on per-utterance error counts of two systems over the same references.
public struct MatchedPairsTest: Sendable, Codable, Hashable {
    /// Utterances compared.
    public var pairs: Int
    /// Mean of (errors of A − errors of B) per utterance.
    public var meanDifference: Double
    /// MAPSSWE statistic with the utterance as the segment: mean / (sd / √n), normal approximation.
    public var z: Double
    /// Two-sided p-value of `z`.
    public var pValue: Double
    /// Sign test: utterances where B has fewer errors, more errors, and ties.
    public var candidateBetter: Int
    public var candidateWorse: Int
    public var ties: Int
    /// Two-sided exact binomial p-value of the sign test.
    public var signTestPValue: Double

    public init(errorsA: [Int], errorsB: [Int]) {
        let n = min(errorsA.count, errorsB.count)
        pairs = n
        var sum = 0.0, better = 0, worse = 0
        for k in 0..<n {
            let d = errorsA[k] - errorsB[k]
            sum += Double(d)
            if d > 0 { better += 1 } else if d < 0 { worse += 1 }
        }
        let mean = n == 0 ? 0 : sum / Double(n)
        var squares = 0.0
        for k in 0..<n { let d = Double(errorsA[k] - errorsB[k]) - mean; squares += d * d }
        let variance = n > 1 ? squares / Double(n - 1) : 0
        meanDifference = mean
        if variance > 0 {
            z = mean / (variance / Double(n)).squareRoot()
            pValue = erfc(abs(z) / 2.0.squareRoot())
        } else {
            z = 0
            pValue = mean == 0 ? 1 : 0
        }
        candidateBetter = better
        candidateWorse = worse
        ties = n - better - worse
        signTestPValue = Self.signTest(better, worse)
    }

    /// Two-sided exact binomial test of k successes in n trials at p = ½.
    static func signTest(_ a: Int, _ b: Int) -> Double {
        let n = a + b
        guard n > 0 else { return 1 }
        let k = min(a, b)
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1)) - Double(n) * log(2))
        }
        return min(1, 2 * tail)
    }
}

/// System A (baseline) against system B (candidate) on the same references: both
/// summaries, WER(B) − WER(A) with a paired-bootstrap 95% interval, and the matched-pairs tests.
public struct ComparisonRow: Sendable, Codable, Hashable {
    /// "all" for the whole set, else `tag=value`.
    public var slice: String
    public var utterances: Int
    public var werA: Double
    public var werB: Double
    public var difference: Double
    public var interval: ConfidenceInterval?
    public var test: MatchedPairsTest

    /// Whether the difference is significant at the 5% level by the MAPSSWE-style test.
    public var significant: Bool { test.pValue < 0.05 }
}

public enum SystemComparison {
    /// Compares overall and per slice (when the utterances carry tags). Utterances are paired
    /// by id; those of `a` that `b` lacks are left out.
    public static func compare(_ a: [UtteranceScore], _ b: [UtteranceScore], tags: [String]? = nil,
                               replicates: Int = Bootstrap.defaultReplicates, seed: UInt64 = 0) -> [ComparisonRow] {
        var indexInB: [String: Int] = [:]
        for (k, utterance) in b.enumerated() { indexInB[utterance.id] = k }
        let paired = a.filter { indexInB[$0.id] != nil }
        let a = paired
        let b = paired.map { b[indexInB[$0.id] ?? 0] }
        var rows = [row("all", Array(a.indices), a, b, replicates, seed)]
        for (key, members) in SliceAnalysis.group(a, tags: tags).sorted(by: { ($0.key.0, $0.key.1) < ($1.key.0, $1.key.1) }) {
            rows.append(row("\(key.0)=\(key.1)", members, a, b, replicates, seed))
        }
        return rows
    }

    static func row(_ name: String, _ members: [Int], _ a: [UtteranceScore], _ b: [UtteranceScore],
                    _ replicates: Int, _ seed: UInt64) -> ComparisonRow {
        let sa = ScoreSummary(members.lazy.map { a[$0] }), sb = ScoreSummary(members.lazy.map { b[$0] })
        var generator = SeededGenerator(seed: seed, stream: "compare:" + name)
        let interval = Bootstrap.differenceInterval(members.map { UtteranceErrors(a[$0]) }, members.map { UtteranceErrors(b[$0]) },
                                                    replicates: replicates, generator: &generator)
        return ComparisonRow(slice: name, utterances: members.count, werA: sa.wer, werB: sb.wer, difference: sb.wer - sa.wer,
                             interval: interval,
                             test: MatchedPairsTest(errorsA: members.map { a[$0].counts.errors },
                                                    errorsB: members.map { b[$0].counts.errors }))
    }
}
