import EarshotRollout
import Synchronization

/// The live WER estimate per model from human corrections (`POST /v1/feedback`): word errors
/// of the served transcript against the correction, summed over corrections. A concept-drift
/// signal (the inputs may look the same while the right answers change): it alarms once
/// `minimumCorrections` are in and the live WER exceeds the model's evaluated WER by `margin`.
public final class LiveWER: Sendable {
    public struct Estimate: Codable, Sendable, Equatable {
        public var corrections: Int
        public var errors: Int
        public var words: Int
        public var wer: Double
        /// The model's WER at evaluation (its bundle's `dev_wer`), when known.
        public var expectedWER: Double?
        public var alarm: Bool

        enum CodingKeys: String, CodingKey { case corrections, errors, words, wer, expectedWER = "expected_wer", alarm }
    }

    private struct Totals { var corrections = 0, errors = 0, words = 0 }

    private let totals = Mutex<[String: Totals]>([:])
    /// Model name → WER measured at evaluation.
    public let expectedWER: [String: Double]
    /// 5 points: beyond a dev-set WER's sampling error on a few hundred corrected words.
    public let margin: Double
    /// 30 corrections before a verdict, so a handful of hard requests do not alarm.
    public let minimumCorrections: Int

    public init(expectedWER: [String: Double] = [:], margin: Double = 0.05, minimumCorrections: Int = 30) {
        self.expectedWER = expectedWER
        self.margin = margin
        self.minimumCorrections = minimumCorrections
    }

    /// Adds one correction of `served` (what the model said) by `corrected`.
    public func add(model: String, served: String, corrected: String) -> Estimate {
        let counts = TranscriptWER.counts(reference: corrected, hypothesis: served)
        let t = totals.withLock { totals -> Totals in
            var t = totals[model] ?? Totals()
            t.corrections += 1
            t.errors += counts.errors
            t.words += counts.words
            totals[model] = t
            return t
        }
        return estimate(model: model, t)
    }

    public var estimates: [String: Estimate] {
        let all = totals.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: all.map { ($0.key, estimate(model: $0.key, $0.value)) })
    }

    private func estimate(model: String, _ t: Totals) -> Estimate {
        let wer = Double(t.errors) / Double(max(t.words, 1))
        let expected = expectedWER[model]
        let alarm = t.corrections >= minimumCorrections && expected.map { wer > $0 + margin } == true
        return Estimate(corrections: t.corrections, errors: t.errors, words: t.words, wer: wer, expectedWER: expected, alarm: alarm)
    }
}

/// The last transcripts served, by request id, so feedback can be scored against what the
/// client was actually told. Bounded: the oldest are forgotten first.
final class RecentTranscripts: Sendable {
    private struct Store {
        var byID: [String: (model: String, text: String)] = [:]
        var order: [String] = []
        var head = 0
    }

    private let store = Mutex(Store())
    let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    func remember(id: String, model: String, text: String) {
        store.withLock { store in
            if store.order.count < capacity {
                store.order.append(id)
            } else {
                store.byID[store.order[store.head]] = nil
                store.order[store.head] = id
                store.head = (store.head + 1) % capacity
            }
            store.byID[id] = (model, text)
        }
    }

    func lookup(_ id: String) -> (model: String, text: String)? { store.withLock { $0.byID[id] } }
}
