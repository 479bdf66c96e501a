import Foundation

/// Inter-annotator word error rate of one slice of the data: errors and words pooled over
/// every pair of transcripts of the same clip, in both directions (each pair counts its edit
/// distance against each transcript's length), after every convention is reconciled.
public struct HumanLevelSlice: Sendable, Hashable, Codable {
    /// "all", or "tag=value".
    public var slice: String
    public var clips: Int
    public var pairs: Int
    public var errors: Int
    public var words: Int

    public init(slice: String, clips: Int = 0, pairs: Int = 0, errors: Int = 0, words: Int = 0) {
        self.slice = slice
        self.clips = clips
        self.pairs = pairs
        self.errors = errors
        self.words = words
    }

    public var wer: Double { words > 0 ? Double(errors) / Double(words) : 0 }
}

/// Human-level performance: the inter-annotator WER overall and per tag value, the bar a
/// model's WER is compared with (`earshot wer --hlp FILE` shows the gap per slice).
///
/// `tsv()` writes the format `earshot wer --hlp` reads (EarshotScoring's `HumanLevelTable`):
/// a `slice<TAB>hlp_wer` header, then `tag=value<TAB>wer` per slice; the overall figure and
/// the counts behind each slice go in `#` comment lines, which that reader skips.
///
///     slice	hlp_wer
///     # all	0.041667	clips=4 pairs=12 errors=2 words=48
///     noise=car	0.125000
///     # noise=car	clips=1 pairs=3 errors=2 words=16
public struct HumanLevelPerformance: Sendable, Hashable, Codable {
    public var overall: HumanLevelSlice
    /// Per tag value, sorted by tag then value.
    public var slices: [HumanLevelSlice]

    public init(overall: HumanLevelSlice, slices: [HumanLevelSlice]) {
        self.overall = overall
        self.slices = slices
    }

    /// The WER of `slice` ("all" or "tag=value"), if known.
    public func wer(slice: String) -> Double? {
        slice == overall.slice ? overall.wer : slices.first { $0.slice == slice }?.wer
    }

    public func tsv() -> String {
        func counts(_ s: HumanLevelSlice) -> String { "clips=\(s.clips) pairs=\(s.pairs) errors=\(s.errors) words=\(s.words)" }
        var lines = ["slice\thlp_wer",
                     "# inter-annotator WER from earshot audit; overall:",
                     "# all\t\(String(format: "%.6f", overall.wer))\t\(counts(overall))"]
        for slice in slices {
            lines.append("\(slice.slice)\t\(String(format: "%.6f", slice.wer))")
            lines.append("# \(slice.slice)\t\(counts(slice))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Pools pair scores into slices.
struct HumanLevelAccumulator {
    var overall = HumanLevelSlice(slice: "all")
    var slices: [String: HumanLevelSlice] = [:]
    private var lastClip: [String: Int] = [:]
    private var overallLastClip = -1

    mutating func add(_ pair: PairScore, clipIndex: Int) {
        overall.pairs += 1
        overall.errors += pair.errors
        overall.words += pair.words
        if overallLastClip != clipIndex { overall.clips += 1; overallLastClip = clipIndex }
        for (tag, value) in pair.tags {
            let name = "\(tag)=\(value)"
            var slice = slices[name] ?? HumanLevelSlice(slice: name)
            slice.pairs += 1
            slice.errors += pair.errors
            slice.words += pair.words
            if lastClip[name] != clipIndex { slice.clips += 1; lastClip[name] = clipIndex }
            slices[name] = slice
        }
    }

    var result: HumanLevelPerformance {
        HumanLevelPerformance(overall: overall, slices: slices.values.sorted { $0.slice < $1.slice })
    }
}
