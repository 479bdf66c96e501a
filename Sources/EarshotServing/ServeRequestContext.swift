import Foundation
import Hummingbird

/// Per-request state shared by the middleware and the handlers: the request id, the arrival
/// time (the deadline counts from it) and the notes the handlers leave for logging.
public struct ServeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let arrival: ContinuousClock.Instant
    public let receivedAt: Date
    let notes: RequestNotes

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = UUID().uuidString.lowercased()
        arrival = .now
        receivedAt = Date()
        notes = RequestNotes()
    }
}
