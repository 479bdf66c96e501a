import EarshotCore
/// One row of the error analysis by slice: all utterances with `tag=value`.
public struct SliceRow: Sendable, Codable, Hashable {
    public var tag: String
    public var value: String
    public var utterances: Int
    /// Share of the scored utterances in this slice.
    public var share: Double
    public var referenceWords: Int
    public var wer: Double
    /// 95% percentile-bootstrap interval over the slice's utterances (seeded).
    public var interval: ConfidenceInterval?
    /// Human-level WER for this slice, when known.
    public var humanLevelWER: Double?
    /// WER − human-level WER (negative when the model beats human level).
    public var gap: Double?
    /// max(gap, 0) × share: where an error-rate improvement is worth the most.
    public var priority: Double?

    public var name: String { "\(tag)=\(value)" }
}

/// The course's tag-based error analysis: a table per tag value with WER, its bootstrap
/// interval, and, given human-level WERs, the gap and priority; sorted by priority when
/// known, else by tag and descending WER.
public enum SliceAnalysis {
    /// Tags whose values are one per utterance would make useless slices.
    static let excludedTags: Set<String> = ["id", "utt_id", "audio", "audio_filepath", "text", "pred_text",
                                            TranscriptReader.confidenceTag]

    public static func analyze(_ utterances: [UtteranceScore], tags selected: [String]? = nil,
                               humanLevel: HumanLevelTable? = nil,
                               replicates: Int = Bootstrap.defaultReplicates, seed: UInt64 = 0) -> [SliceRow] {
        let groups = group(utterances, tags: selected)
        let total = utterances.count
        var rows: [SliceRow] = []
        for ((tag, value), members) in groups {
            let summary = ScoreSummary(members.lazy.map { utterances[$0] })
            var generator = SplitMix64(seed: seed, stream: "\(tag)=\(value)")
            let items = members.map { UtteranceErrors(utterances[$0]) }
            var row = SliceRow(tag: tag, value: value, utterances: members.count,
                               share: total == 0 ? 0 : Double(members.count) / Double(total),
                               referenceWords: summary.referenceWords, wer: summary.wer,
                               interval: Bootstrap.werInterval(items, replicates: replicates, generator: &generator))
            if let hlp = humanLevel?[tag, value] {
                row.humanLevelWER = hlp
                row.gap = summary.wer - hlp
                row.priority = max(summary.wer - hlp, 0) * row.share
            }
            rows.append(row)
        }
        return rows.sorted { a, b in
            switch (a.priority, b.priority) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.tag != b.tag ? a.tag < b.tag : (a.wer != b.wer ? a.wer > b.wer : a.value < b.value)
            }
        }
    }

    /// Utterance indices per (tag, value).
    static func group(_ utterances: [UtteranceScore], tags selected: [String]?) -> [(key: (String, String), members: [Int])] {
        var indexOf: [String: Int] = [:]
        var groups: [(key: (String, String), members: [Int])] = []
        for (k, utterance) in utterances.enumerated() {
            for (tag, value) in utterance.tags where !excludedTags.contains(tag) {
                if let selected, !selected.contains(tag) { continue }
                let name = "\(tag)=\(value)"
                if let g = indexOf[name] {
                    groups[g].members.append(k)
                } else {
                    indexOf[name] = groups.count
                    groups.append(((tag, value), [k]))
                }
            }
        }
        return groups
    }
}
