import EarshotMonitoring
import EarshotPersistence
import Foundation
import Synchronization

/// How far the server has read the review queue. Each read goes back `overlap` before the latest
/// resolution seen (the ones already counted are skipped by `LiveWER`), so none is missed when a
/// resolver's timestamp, taken before it waited for the write lock, commits after a later one, or
/// the clock steps back a little.
final class ReviewCursor: Sendable {
    private let after = Mutex<Date?>(nil)
    static let overlap: TimeInterval = 120

    var since: Date? { after.withLock { $0.map { $0.addingTimeInterval(-Self.overlap) } } }

    func advance(to date: Date) { after.withLock { $0 = max($0 ?? date, date) } }
}

extension ServerState {
    /// Counts one human correction of a served transcript into the live WER, its metrics and its
    /// alarm log line. Nil when this request was corrected before (feedback and review alike).
    func countCorrection(requestID: String, model: String, served: String, corrected: String, source: String) -> LiveWER.Estimate? {
        guard let estimate = liveWER.add(requestID: requestID, model: model, served: served, corrected: corrected) else { return nil }
        metrics.recordFeedback(model: model, estimate: estimate, source: source)
        if estimate.alarm {
            logger.warning("concept drift alarm: live WER above the model's evaluated WER", metadata: [
                "model": "\(model)", "live_wer": "\(estimate.wer)", "expected_wer": "\(estimate.expectedWER ?? .nan)",
                "corrections": "\(estimate.corrections)", "source": "\(source)",
            ])
        }
        return estimate
    }

    /// Reads the review items resolved since the last read (by `earshot review resolve`, from any
    /// process) and counts each reviewer's transcript against the model's suggestion, once per
    /// item. Items no model ran on (human only) have nothing to score. Returns how many counted.
    @discardableResult
    func countResolvedReviews() async -> Int {
        guard let reviewQueue else { return 0 }
        let items: [ReviewItem]
        do {
            items = try await reviewQueue.resolved(since: reviewCursor.since)
        } catch {
            logger.error("cannot read resolved review items", metadata: ["error": "\(error)"])
            return 0
        }
        var counted = 0
        for item in items {
            if let resolvedAt = item.resolvedAt { reviewCursor.advance(to: resolvedAt) }
            guard let model = item.modelName, let served = item.suggestion, let corrected = item.correctedTranscript else { continue }
            if countCorrection(requestID: item.requestID, model: model, served: served, corrected: corrected, source: "review") != nil {
                counted += 1
            }
        }
        return counted
    }
}
