import EarshotCore
import Foundation

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
        var generator = SplitMix64(seed: seed, stream: "compare:" + name)
        let interval = Bootstrap.differenceInterval(members.map { UtteranceErrors(a[$0]) }, members.map { UtteranceErrors(b[$0]) },
                                                    replicates: replicates, generator: &generator)
        return ComparisonRow(slice: name, utterances: members.count, werA: sa.wer, werB: sb.wer, difference: sb.wer - sa.wer,
                             interval: interval,
                             test: MatchedPairsTest(errorsA: members.map { a[$0].counts.errors },
                                                    errorsB: members.map { b[$0].counts.errors }))
    }
}
