import Synchronization

/// What a handler learned about each audio file of a request, for the middleware to turn into
/// metrics, the log line and request-log rows after the response is made.
final class RequestNotes: Sendable {
    struct Item: Sendable {
        /// The file's position in the request (0 for a single file; the batch index otherwise).
        var item = 0
        var filename: String?
        var outcome: Result<Transcription, ServingError>
        var audioPath: String?
    }

    private let items = Mutex<[Item]>([])

    /// A later note for the same file replaces the earlier one: when a failed canary is answered
    /// by the primary, the file's outcome is the primary's answer (one request-log row per file).
    func add(_ item: Item) {
        items.withLock { items in
            if let index = items.firstIndex(where: { $0.item == item.item }) { items[index] = item } else { items.append(item) }
        }
    }

    /// In file order (batch files finish in any order).
    var all: [Item] { items.withLock { $0.sorted { $0.item < $1.item } } }

    /// The model that answered, for the metrics label ("none" when no recognition ran).
    var modelLabel: String {
        items.withLock { items in
            for item in items { if case .success(let done) = item.outcome { return done.model.name } }
            return "none"
        }
    }
}
