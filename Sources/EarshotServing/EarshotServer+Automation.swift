import EarshotMonitoring
import EarshotPersistence
import EarshotRollout
import EarshotScoring
import Foundation
import HTTPTypes
import Hummingbird

/// The body of `POST /v1/feedback`: the right transcript for an earlier request.
struct FeedbackRequest: Codable, Sendable {
    var id: String
    var text: String
}

/// The answer to feedback: the model's live WER with this correction counted (`counted` false:
/// this request was corrected before, by feedback or a reviewer, and counts once).
struct FeedbackResponse: Codable, Sendable {
    var id: String
    var model: String
    var errors: Int
    var words: Int
    var counted: Bool
    var liveWER: LiveWER.Estimate

    enum CodingKeys: String, CodingKey { case id, model, errors, words, counted, liveWER = "live_wer" }
}

extension EarshotServer {
    /// Human only: the audio is checked, kept (`--store-audio`) and queued; no model runs.
    static func queueForHumans(
        _ bytes: [UInt8], filename: String, context: ServeRequestContext, state: ServerState
    ) async throws -> Response {
        let audioPath = state.audioStore?.store(bytes, requestID: context.requestID, item: 0, filename: filename)
        let timeout = state.configuration.requestTimeout
        let measured: Transcription
        do {
            measured = try await state.engine.measure(bytes, name: filename, deadline: context.arrival + timeout, timeout: timeout)
        } catch {
            context.notes.add(.init(filename: filename, outcome: .failure(error), audioPath: audioPath))
            throw error
        }
        context.notes.add(.init(filename: filename, outcome: .success(measured), audioPath: audioPath))
        try await state.reviewQueue?.enqueue(ReviewItem(
            requestID: context.requestID, createdAt: context.receivedAt, automation: AutomationLevel.humanOnly.rawValue,
            modelName: nil, modelVersion: nil, suggestion: nil, confidence: nil, audioSeconds: measured.audioSeconds,
            audioPath: audioPath, status: .pending, correctedTranscript: nil, resolvedAt: nil))
        let body = QueuedResponse(
            id: context.requestID, automation: AutomationLevel.humanOnly.rawValue, queued: true, needsReview: true, model: nil,
            audioSeconds: measured.audioSeconds, latencyMs: (ContinuousClock.now - context.arrival).milliseconds)
        return Response.json(body, status: .accepted)
    }

    /// Decides what the client gets at the server's automation level, queues the item for
    /// review where the level says so, and remembers the transcript for feedback, under
    /// `itemID` (the request id; a batch file's is the request id and its index). `withheld` is
    /// the 202 body when no transcript may be returned (shadow automation).
    static func applyAutomation(
        _ transcription: Transcription, itemID: String, audioPath: String?, context: ServeRequestContext, state: ServerState
    ) async throws -> (disposition: AutomationLevel.Disposition, withheld: QueuedResponse?) {
        let level = state.configuration.automation
        let disposition = level.disposition(confidence: transcription.transcript.confidence, threshold: state.configuration.reviewThreshold)
        state.recentTranscripts.remember(id: itemID, model: transcription.model.name, text: transcription.transcript.text)
        if disposition.enqueue, let queue = state.reviewQueue {
            try await queue.enqueue(ReviewItem(
                requestID: itemID, createdAt: context.receivedAt, automation: level.rawValue,
                modelName: transcription.model.name, modelVersion: transcription.model.version,
                suggestion: transcription.transcript.text,
                confidence: transcription.transcript.confidence.isFinite ? transcription.transcript.confidence : nil,
                audioSeconds: transcription.audioSeconds, audioPath: audioPath, status: .pending,
                correctedTranscript: nil, resolvedAt: nil))
        }
        guard disposition.returnTranscript else {
            return (disposition, QueuedResponse(
                id: context.requestID, automation: level.rawValue, queued: true, needsReview: true, model: transcription.model,
                audioSeconds: transcription.audioSeconds, latencyMs: (ContinuousClock.now - context.arrival).milliseconds))
        }
        return (disposition, nil)
    }

    /// `POST /v1/feedback`: scores the transcript served for `id` against the correction.
    static func feedback(_ request: Request, context: ServeRequestContext, state: ServerState) async throws -> Response {
        let body = try await readBody(request, context: context, state: state)
        guard let feedback = try? JSONDecoder().decode(FeedbackRequest.self, from: Data(body)) else {
            throw ServingError.badRequest("feedback must be JSON {\"id\": REQUEST_ID, \"text\": CORRECT_TRANSCRIPT}")
        }
        guard let served = state.recentTranscripts.lookup(feedback.id) else {
            throw ServingError.badRequest("no recent transcript with id '\(feedback.id)' (unknown, or too old to remember)")
        }
        let counts = TranscriptWER.counts(reference: feedback.text, hypothesis: served.text)
        let counted = state.countCorrection(
            requestID: feedback.id, model: served.model, served: served.text, corrected: feedback.text, source: "feedback")
        return Response.json(FeedbackResponse(
            id: feedback.id, model: served.model, errors: counts.errors, words: counts.words, counted: counted != nil,
            liveWER: counted ?? state.liveWER.estimate(model: served.model)))
    }
}
