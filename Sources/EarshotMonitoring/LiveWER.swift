import EarshotScoring
import Synchronization

/// The live WER estimate per model from human corrections (`POST /v1/feedback`, and review
/// items resolved with `earshot review resolve`): word errors of the served transcript against
/// the correction, summed over corrections, each request counted once. A concept-drift
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

    private struct State {
        var totals: [String: Totals] = [:]
        var counted = RecentIDs(capacity: 100_000)
    }

    private let state = Mutex(State())
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

    /// Adds one correction of `served` (what the model said) by `corrected`, unless request
    /// `requestID` was corrected already (by feedback or a reviewer): then nil.
    public func add(requestID: String, model: String, served: String, corrected: String) -> Estimate? {
        let counts = TranscriptWER.counts(reference: corrected, hypothesis: served)
        let t = state.withLock { state -> Totals? in
            guard state.counted.insert(requestID) else { return nil }
            var t = state.totals[model] ?? Totals()
            t.corrections += 1
            t.errors += counts.errors
            t.words += counts.words
            state.totals[model] = t
            return t
        }
        return t.map { estimate(model: model, $0) }
    }

    /// The current estimate for `model` (zero corrections when it has none).
    public func estimate(model: String) -> Estimate {
        estimate(model: model, state.withLock { $0.totals[model] } ?? Totals())
    }

    public var estimates: [String: Estimate] {
        let all = state.withLock { $0.totals }
        return Dictionary(uniqueKeysWithValues: all.map { ($0.key, estimate(model: $0.key, $0.value)) })
    }

    private func estimate(model: String, _ t: Totals) -> Estimate {
        let wer = Double(t.errors) / Double(max(t.words, 1))
        let expected = expectedWER[model]
        let alarm = t.corrections >= minimumCorrections && expected.map { wer > $0 + margin } == true
        return Estimate(corrections: t.corrections, errors: t.errors, words: t.words, wer: wer, expectedWER: expected, alarm: alarm)
    }
}

/// The last `capacity` ids seen, for "count each once" checks that must not grow without bound.
struct RecentIDs: Sendable {
    private var members: Set<String> = []
    private var order: [String] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds `id`; false when it is already in.
    mutating func insert(_ id: String) -> Bool {
        guard !members.contains(id) else { return false }
        if order.count < capacity {
            order.append(id)
        } else {
            members.remove(order[head])
            order[head] = id
            head = (head + 1) % capacity
        }
        members.insert(id)
        return true
    }
}
