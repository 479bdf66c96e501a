import Synchronization

/// What a handler learned about each audio file of a request, for the middleware to turn into
/// metrics, the log line and request-log rows after the response is made.
final class RequestNotes: Sendable {
    struct Item: Sendable {
        var filename: String?
        var outcome: Result<Transcription, ServingError>
        var audioPath: String?
    }

    private let items = Mutex<[Item]>([])

    func add(_ item: Item) { items.withLock { $0.append(item) } }

    var all: [Item] { items.withLock { $0 } }

    /// The model that answered, for the metrics label ("none" when no recognition ran).
    var modelLabel: String {
        items.withLock { items in
            for item in items { if case .success(let done) = item.outcome { return done.model.name } }
            return "none"
        }
    }
}
