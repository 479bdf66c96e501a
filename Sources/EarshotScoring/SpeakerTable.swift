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

    /// Tags each utterance that has no speaker with the part of its id before the first `_`
    /// or `-` (sclite's `spu_id` convention, Kaldi's `speaker-utterance` ids).
    public static func tagSpeakersFromIDs(_ utterances: inout [UtteranceScore]) {
        for k in utterances.indices where speaker(of: utterances[k]) == nil {
            let id = utterances[k].id
            if let cut = id.firstIndex(where: { $0 == "_" || $0 == "-" }), cut > id.startIndex {
                utterances[k].tags["speaker"] = String(id[..<cut])
            }
        }
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
