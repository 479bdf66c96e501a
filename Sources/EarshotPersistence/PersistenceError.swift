/// What the stores (request log, review queue, kept audio) can fail with, naming the file.
public enum PersistenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database or folder could not be opened, read or written.
    case storeFailed(path: String, store: String, reason: String)
    /// No review item has this request id.
    case noSuchItem(path: String, id: String)

    public var description: String {
        switch self {
        case .storeFailed(let path, let store, let reason): "\(path): \(store): \(reason)"
        case .noSuchItem(let path, let id): "\(path): no review item with id '\(id)'"
        }
    }
}
