import EarshotDecoder
import Foundation

/// One JSON line of `earshot transcribe --json`.
public struct RecognitionRecord: Codable, Sendable, Equatable {
    public var file: String
    public var text: String
    public var confidence: Double
    public var words: [TimedWord]
    public var audioSeconds: Double
    public var decodeSeconds: Double
    public var cpuSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case file, text, confidence, words
        case audioSeconds = "audio_seconds"
        case decodeSeconds = "decode_seconds"
        case cpuSeconds = "cpu_seconds"
    }

    public init(file: String, recognition: Recognition) {
        self.file = file
        text = recognition.transcript.text
        confidence = recognition.transcript.confidence
        words = recognition.transcript.words
        audioSeconds = recognition.audioSeconds
        decodeSeconds = recognition.decodeSeconds
        cpuSeconds = recognition.cpuSeconds
    }

    public func jsonLine() -> String { JSONLine.encode(self) }
}

/// One line of `earshot transcribe --manifest M --out HYP.jsonl`: the id, `pred_text` and the
/// utterance confidence only, because `earshot wer` turns every other scalar field into a slicing
/// tag (the confidence it keeps for its calibration report).
public struct HypothesisRecord: Codable, Sendable, Equatable {
    public var id: String
    public var predText: String
    /// The utterance confidence; `earshot wer` measures its calibration, never slices by it.
    public var confidence: Double?

    enum CodingKeys: String, CodingKey {
        case id
        case predText = "pred_text"
        case confidence
    }

    public init(id: String, predText: String, confidence: Double? = nil) {
        self.id = id
        self.predText = predText
        self.confidence = confidence.map { ($0 * 1e6).rounded() / 1e6 }
    }

    public func jsonLine() -> String { JSONLine.encode(self) }
}

enum JSONLine {
    /// One line of JSON (keys sorted, no trailing newline).
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
