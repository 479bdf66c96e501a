import EarshotText

/// Word-level measures computed exactly as jiwer 4.0 does from pooled counts:
/// WER = (S+D+I)/N, MER = (S+D+I)/(H+S+D+I), WIP = (H/N)·(H/P), WIL = 1 − WIP, where N and P
/// are the reference and hypothesis word counts. With an empty reference (N = 0), WER is the
/// number of insertions (as in jiwer 4), MER is 1 if anything was inserted else 0, and WIP
/// is 1 if the hypothesis is empty too else 0.
public struct WordMeasures: Sendable, Hashable, Codable {
    public var wer: Double
    public var mer: Double
    public var wil: Double
    public var wip: Double

    public init(_ counts: EditCounts) {
        let n = counts.referenceLength, p = counts.hypothesisLength
        let h = Double(counts.hits), errors = Double(counts.errors)
        if n == 0 {
            wer = Double(counts.insertions)
            mer = p == 0 ? 0 : 1
            wip = p == 0 ? 1 : 0
        } else {
            wer = errors / Double(n)
            mer = errors / Double(counts.hits + counts.errors)
            wip = p >= 1 ? (h / Double(n)) * (h / Double(p)) : 0
        }
        wil = 1 - wip
    }
}

/// Character error rate from a pooled edit distance, as jiwer 4.0 computes it: distance
/// over reference characters, or the distance itself for an empty reference.
public func characterErrorRate(errors: Int, referenceCharacters: Int) -> Double {
    referenceCharacters == 0 ? Double(errors) : Double(errors) / Double(referenceCharacters)
}
