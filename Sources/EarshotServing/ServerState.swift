import EarshotMonitoring
import EarshotPersistence
import Logging

/// What the handlers and the middleware share for the life of a server.
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    let engine: TranscriptionEngine
    let metrics: ServingMetrics
    let apiKeys: APIKeys
    let adminKeys: APIKeys
    let rollout: RolloutController
    let reviewQueue: ReviewQueue?
    let liveWER: LiveWER
    let reviewCursor = ReviewCursor()
    let monitor: LiveMonitor
    let recentTranscripts = RecentTranscripts()
    let requestLog: RequestLog?
    let audioStore: AudioStore?
    let logger: Logger

    init(
        configuration: ServerConfiguration, engine: TranscriptionEngine, metrics: ServingMetrics,
        requestLog: RequestLog?, audioStore: AudioStore?, rollout: RolloutController, reviewQueue: ReviewQueue?, monitor: LiveMonitor, logger: Logger
    ) {
        self.reviewQueue = reviewQueue
        self.monitor = monitor
        liveWER = LiveWER(expectedWER: configuration.expectedWER)
        adminKeys = APIKeys(hashes: configuration.adminKeyHashes)
        self.rollout = rollout
        self.configuration = configuration
        self.engine = engine
        self.metrics = metrics
        apiKeys = APIKeys(hashes: configuration.apiKeyHashes)
        self.requestLog = requestLog
        self.audioStore = audioStore
        self.logger = logger
    }
}

extension ServerState {
    /// The refusal a request earns from its route and `Authorization` header alone (no body
    /// read): the middleware answers it, and the Expect handler withholds `100 Continue` for it.
    func refusal(route: ServeRoute?, authorization: String?) -> ServingError? {
        guard let route else { return nil }
        if route.requiresKey, !apiKeys.authorizes(authorizationHeader: authorization) { return .unauthorized }
        guard route.isAdmin else { return nil }
        guard adminKeys.isEnabled else { return .forbidden("the admin API is off; start the server with admin key digests") }
        return adminKeys.authorizes(authorizationHeader: authorization) ? nil : .unauthorized
    }
}
