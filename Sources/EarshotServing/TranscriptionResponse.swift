import EarshotDecoder
import EarshotRecognizer

/// The JSON body of a successful `POST /v1/transcribe`.
public struct TranscriptionResponse: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var words: [TimedWord]
    public var confidence: Double
    public var model: ModelInfo
    public var audioSeconds: Double
    /// Arrival to response, as the server saw it.
    public var latencyMs: Double
    /// Waiting for a worker.
    public var queueMs: Double
    /// Decoding and recognition on the worker.
    public var computeMs: Double
    /// Confidence below the server's review threshold: a human should check this transcript.
    public var needsReview: Bool
    /// The server's automation level (see README "Rollout").
    public var automation: String?
    /// The transcript is a suggestion for a human to confirm (AI assistance).
    public var suggestion: Bool?

    enum CodingKeys: String, CodingKey {
        case id, text, words, confidence, model, automation, suggestion
        case audioSeconds = "audio_seconds", latencyMs = "latency_ms", queueMs = "queue_ms"
        case computeMs = "compute_ms", needsReview = "needs_review"
    }

    public init(id: String, transcription: Transcription, latency: Duration, reviewThreshold: Double) {
        self.id = id
        text = transcription.transcript.text
        words = transcription.transcript.words
        confidence = transcription.transcript.confidence
        model = transcription.model
        audioSeconds = transcription.audioSeconds
        latencyMs = latency.milliseconds
        queueMs = transcription.timings.queueWait.milliseconds
        computeMs = transcription.timings.compute.milliseconds
        needsReview = Self.needsReview(transcription.transcript.confidence, threshold: reviewThreshold)
    }

    /// Below the threshold, or not a number at all, a human should look.
    public static func needsReview(_ confidence: Double, threshold: Double) -> Bool { !(confidence >= threshold) }
}

/// The JSON body (202) when no transcript is returned: the audio went to human review.
public struct QueuedResponse: Codable, Sendable, Equatable {
    public var id: String
    public var automation: String
    public var queued: Bool
    public var needsReview: Bool
    /// The model that ran (shadow automation), or nil when none did (human only).
    public var model: ModelInfo?
    public var audioSeconds: Double
    public var latencyMs: Double

    enum CodingKeys: String, CodingKey {
        case id, automation, queued, model
        case needsReview = "needs_review", audioSeconds = "audio_seconds", latencyMs = "latency_ms"
    }
}

/// The JSON body of `POST /v1/transcribe/batch`: one entry per file, in request order, each a
/// transcription or an error with its own status.
public struct BatchResponse: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var filename: String?
        public var status: Int
        public var result: TranscriptionResponse?
        public var error: ErrorBody?
        /// The canary arm that served this file (`primary` or `candidate`), during a canary.
        public var arm: String?
    }

    public var id: String
    public var results: [Item]
}

/// The JSON body of every error response.
public struct ErrorBody: Codable, Sendable, Equatable {
    public var status: Int
    public var kind: String
    public var message: String
}
