import EarshotRollout
import Foundation

extension EarshotServer {
    /// Recognizes one upload as the rollout decided: on a canary arm (a candidate that fails is
    /// counted against it and the request answered by the primary, so the client never sees
    /// the failure), or on the primary with a shadow copy started after it.
    /// `item` numbers the file within its request (0 for a single upload).
    static func recognizeRouted(
        _ bytes: [UInt8], filename: String, item: Int, decision: RoutingDecision, context: ServeRequestContext, state: ServerState
    ) async throws(ServingError) -> Transcription {
        guard let arm = decision.arm else {
            let done = try await recognize(bytes, filename: filename, item: item, model: decision.model, context: context, state: state)
            if let candidate = decision.shadow {
                startShadow(bytes, filename: filename, primaryText: done.transcript.text, candidate: candidate, state: state)
            }
            return done
        }
        let started = ContinuousClock.now
        do {
            let done = try await recognize(bytes, filename: filename, item: item, model: decision.model, context: context, state: state)
            state.rollout.record(arm: arm, latencyMs: (ContinuousClock.now - started).milliseconds,
                                 text: done.transcript.text, confidence: done.transcript.confidence)
            return done
        } catch {
            // Only the model's own failure counts against an arm: bad audio or a full queue would
            // have failed on either.
            guard case .recognizerFailed = error else { throw error }
            state.rollout.record(arm: arm, latencyMs: (ContinuousClock.now - started).milliseconds, text: nil, confidence: nil)
            guard arm == .candidate else { throw error }
            return try await recognize(bytes, filename: filename, item: item, model: nil, context: context, state: state)
        }
    }

    /// Runs the candidate on a copy of the request after the primary answered, detached from the
    /// response. It takes only a worker that is free now; under load the copy is dropped first.
    static func startShadow(_ bytes: [UInt8], filename: String, primaryText: String, candidate: String, state: ServerState) {
        let timeout = state.configuration.requestTimeout
        Task.detached(priority: .low) {
            do throws(ServingError) {
                let done = try await state.engine.transcribe(
                    bytes, name: filename, model: candidate, deadline: .now + timeout, timeout: timeout, onlyIfIdle: true)
                state.rollout.recordShadow(primaryText: primaryText, candidateText: done.transcript.text, candidate: candidate,
                                           latency: done.timings.compute)
            } catch {
                switch error {
                case .overloaded, .shuttingDown: state.rollout.recordShadowDropped(candidate: candidate)
                default: state.rollout.recordShadow(primaryText: primaryText, candidateText: nil, candidate: candidate, latency: nil)
                }
            }
        }
    }
}
