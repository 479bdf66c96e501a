/// One utterance of a corpus: a line of a JSONL manifest.
///
/// `audio` is relative to the manifest's folder (or absolute), so a corpus folder can be moved
/// as a whole. `tags` carry how the utterance was made (`voice=en-us+f3`, `noise=car`,
/// `snr=10`, `bandwidth=8k`, ...) so that error rates can be sliced by them.
public struct ManifestEntry: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var audio: String
    public var text: String
    /// Seconds of audio.
    public var duration: Double
    public var speaker: String
    public var tags: [String: String]

    public init(id: String, audio: String, text: String, duration: Double, speaker: String, tags: [String: String] = [:]) {
        self.id = id
        self.audio = audio
        self.text = text
        self.duration = duration
        self.speaker = speaker
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey { case id, audio, text, duration, speaker, tags }

    /// Tags may be written by other tools with numbers or booleans as values; they are kept as
    /// their text so every tag can be compared and sliced the same way.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        audio = try container.decode(String.self, forKey: .audio)
        text = try container.decode(String.self, forKey: .text)
        duration = try container.decode(Double.self, forKey: .duration)
        speaker = try container.decode(String.self, forKey: .speaker)
        let scalars = try container.decodeIfPresent([String: TagValue].self, forKey: .tags) ?? [:]
        tags = scalars.mapValues(\.text)
    }

    /// Checks the fields every consumer relies on; returns the reason it is invalid, if it is.
    func problem() -> String? {
        if id.isEmpty { return "empty id" }
        if id.contains(where: \.isWhitespace) { return "id \"\(id)\" contains white space" }
        if audio.isEmpty { return "utterance \(id): empty audio path" }
        if !duration.isFinite || duration < 0 { return "utterance \(id): duration \(duration) is not a non-negative number" }
        if speaker.contains(where: \.isWhitespace) { return "utterance \(id): speaker \"\(speaker)\" contains white space" }
        if text.contains(where: \.isNewline) { return "utterance \(id): text contains a line break" }
        return nil
    }
}

/// A JSON scalar read as text.
private struct TagValue: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int.self) {
            text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            text = String(flag)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "tag values must be strings, numbers or booleans"))
        }
    }
}
