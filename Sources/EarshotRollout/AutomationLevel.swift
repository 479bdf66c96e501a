/// How much the server decides by itself, from none to all.
public enum AutomationLevel: String, Sendable, Codable, CaseIterable {
    /// Audio is queued for a human; no transcript is returned.
    case humanOnly = "human_only"
    /// The model runs and its transcript is queued beside the audio, but humans decide: the
    /// client gets no transcript.
    case shadow
    /// The transcript is returned as a suggestion for a human to confirm.
    case assistance
    /// Confident transcripts are final; below the threshold the response is `needs_review`
    /// and the item queued.
    case partial
    /// Every transcript is final.
    case full

    /// What the server does with one recognition at this level.
    public struct Disposition: Sendable, Equatable {
        public var runModel: Bool
        public var returnTranscript: Bool
        /// The returned transcript is a suggestion, not a final answer.
        public var suggestion: Bool
        public var needsReview: Bool
        public var enqueue: Bool
    }

    public func disposition(confidence: Double?, threshold: Double) -> Disposition {
        let low = !((confidence ?? -1) >= threshold)
        switch self {
        case .humanOnly: return .init(runModel: false, returnTranscript: false, suggestion: false, needsReview: true, enqueue: true)
        case .shadow: return .init(runModel: true, returnTranscript: false, suggestion: false, needsReview: true, enqueue: true)
        case .assistance: return .init(runModel: true, returnTranscript: true, suggestion: true, needsReview: true, enqueue: true)
        case .partial: return .init(runModel: true, returnTranscript: true, suggestion: false, needsReview: low, enqueue: low)
        case .full: return .init(runModel: true, returnTranscript: true, suggestion: false, needsReview: false, enqueue: false)
        }
    }
}
