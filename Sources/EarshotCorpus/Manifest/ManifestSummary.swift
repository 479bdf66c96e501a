/// What a manifest holds, for reports.
public struct ManifestSummary: Sendable, Equatable {
    public var utterances: Int
    public var audioSeconds: Double
    public var speakers: Int
    /// Distinct words of the transcripts.
    public var vocabulary: Set<String>
    /// Utterance counts per value of each tag with at most `maximumTagValues` values (tags
    /// naming one utterance each, such as `augmented_from`, would say nothing).
    public var tagValues: [String: [String: Int]]

    public static let maximumTagValues = 40

    public init(_ manifest: Manifest) {
        utterances = manifest.entries.count
        audioSeconds = manifest.totalDuration
        speakers = manifest.speakers.count
        vocabulary = Set(manifest.entries.flatMap { $0.text.split(separator: " ").map(String.init) })
        var counts: [String: [String: Int]] = [:]
        for entry in manifest.entries {
            for (tag, value) in entry.tags { counts[tag, default: [:]][value, default: 0] += 1 }
        }
        tagValues = counts.filter { $0.value.count <= Self.maximumTagValues }
    }
}
