import Synchronization

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
