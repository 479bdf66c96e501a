/// A recognized word with its time span in seconds and a confidence in [0, 1].
public struct TimedWord: Sendable, Codable, Equatable {
    public var word: String
    public var start: Double
    public var end: Double
    public var confidence: Double

    public init(word: String, start: Double, end: Double, confidence: Double) {
        self.word = word
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// What the decoder made of one utterance.
public struct Transcript: Sendable, Codable, Equatable {
    public var text: String { words.map(\.word).joined(separator: " ") }
    public var words: [TimedWord]
    /// Confidence of the whole utterance in [0, 1]; see `LexiconDecoder` for how it is made.
    public var confidence: Double

    public init(words: [TimedWord], confidence: Double) {
        self.words = words
        self.confidence = confidence
    }
}
