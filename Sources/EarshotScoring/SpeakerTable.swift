/// Per-speaker scores, like sclite's per-speaker report, when utterances carry a speaker tag
/// (`speaker`, `spk` or `speaker_id`, from a manifest, a tags file or utt2spk).
public struct SpeakerRow: Sendable, Codable, Hashable {
    public var speaker: String
    public var summary: ScoreSummary
}

public enum SpeakerTable {
    public static let tagNames = ["speaker", "spk", "speaker_id"]

    public static func speaker(of utterance: UtteranceScore) -> String? {
        tagNames.lazy.compactMap { utterance.tags[$0] }.first
    }

    /// Rows sorted by speaker name; empty when no utterance has a speaker.
    public static func rows(_ utterances: [UtteranceScore]) -> [SpeakerRow] {
        var bySpeaker: [String: [UtteranceScore]] = [:]
        for utterance in utterances {
            if let speaker = speaker(of: utterance) { bySpeaker[speaker, default: []].append(utterance) }
        }
        return bySpeaker.keys.sorted().map { SpeakerRow(speaker: $0, summary: ScoreSummary(bySpeaker[$0] ?? [])) }
    }
}
