import EarshotRollout
import Synchronization

/// The live WER estimate per model from human corrections (`POST /v1/feedback`): word errors
/// of the served transcript against the correction, summed over corrections (a concept-drift
/// signal: the inputs may look the same while the right answers change).
public final class LiveWER: Sendable {
    public struct Estimate: Codable, Sendable, Equatable {
        public var corrections: Int
        public var errors: Int
        public var words: Int
        public var wer: Double
    }

    private let totals = Mutex<[String: (corrections: Int, errors: Int, words: Int)]>([:])

    public init() {}

    /// Adds one correction of `served` (what the model said) by `corrected`.
    public func add(model: String, served: String, corrected: String) -> Estimate {
        let counts = TranscriptWER.counts(reference: corrected, hypothesis: served)
        return totals.withLock { totals in
            var t = totals[model] ?? (0, 0, 0)
            t.corrections += 1
            t.errors += counts.errors
            t.words += counts.words
            totals[model] = t
            return Estimate(corrections: t.corrections, errors: t.errors, words: t.words, wer: Double(t.errors) / Double(max(t.words, 1)))
        }
    }

    public var estimates: [String: Estimate] {
        totals.withLock { totals in
            totals.mapValues { Estimate(corrections: $0.corrections, errors: $0.errors, words: $0.words, wer: Double($0.errors) / Double(max($0.words, 1))) }
        }
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
