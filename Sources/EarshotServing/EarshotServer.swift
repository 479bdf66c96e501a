import EarshotMonitoring
import EarshotPersistence
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The prediction server: a Hummingbird application whose handlers put recognition on a
/// bounded worker pool, plus the services that stop cleanly after it (the pool, the request
/// log). On a graceful shutdown (SIGTERM) it stops accepting, finishes requests in flight,
/// flushes the request log and returns.
public final class EarshotServer: Sendable {
    public let configuration: ServerConfiguration
    public let metrics: ServingMetrics
    public let models: ModelRegistry
    let state: ServerState
    /// Shadow, canary and blue-green control.
    public var rollout: RolloutController { state.rollout }
    private let serviceGroup = Mutex<ServiceGroup?>(nil)

    public init(configuration: ServerConfiguration, models: ModelRegistry, logger: Logger) throws(ServingError) {
        try configuration.validate()
        self.configuration = configuration
        self.models = models
        metrics = ServingMetrics()
        metrics.recordModels(models.models, primary: models.primary)
        let pool = WorkerPool(workers: configuration.workers, queueCapacity: configuration.queueCapacity)
        let engine = TranscriptionEngine(
            models: models, pool: pool, maxAudioSeconds: configuration.maxAudioSeconds,
            retryAfterSeconds: configuration.retryAfterSeconds)
        let requestLog = try configuration.requestLogPath.map { path throws(ServingError) in
            do throws(PersistenceError) {
                return try RequestLog(path: path, hashTranscripts: configuration.hashTranscripts, salt: configuration.transcriptSalt)
            } catch { throw ServingError(error) }
        }
        let audioStore = try configuration.storeAudioDirectory.map { directory throws(ServingError) in
            do throws(PersistenceError) { return try AudioStore(directory: directory) }
            catch { throw .invalidConfiguration("--store-audio \(error.description)") }
        }
        let reviewQueue = try configuration.reviewQueuePath.map { path throws(ServingError) in
            do throws(PersistenceError) { return try ReviewQueue(path: path) } catch { throw ServingError(error) }
        }
        let rollout = RolloutController(models: models, metrics: metrics, logger: logger)
        state = ServerState(
            configuration: configuration, engine: engine, metrics: metrics, requestLog: requestLog,
            audioStore: audioStore, rollout: rollout,
            reviewQueue: reviewQueue,
            monitor: try Self.liveMonitor(configuration, metrics: metrics, logger: logger),
            logger: logger)
        try Self.applyRollout(configuration.rollout, state: state)
    }

    /// The drift monitor against the configured reference, its verdicts exported as gauges.
    static func liveMonitor(_ configuration: ServerConfiguration, metrics: ServingMetrics, logger: Logger) throws(ServingError) -> LiveMonitor {
        do throws(MonitoringError) {
            return try LiveMonitor(reference: configuration.referenceStatistics, thresholds: configuration.driftThresholds,
                                   logger: logger, onVerdicts: { metrics.recordDrift($0) })
        } catch {
            throw .invalidConfiguration(error.description)
        }
    }

    /// The request log, when one is configured.
    public var requestLog: RequestLog? { state.requestLog }

    /// Serves until a graceful shutdown: one of `signals`, or `shutdown()`. `onRunning` receives
    /// the bound port once the server accepts connections.
    public func run(
        gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint],
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let port = configuration.port
        let idle = configuration.idleTimeout.components
        let maxBodyBytes = configuration.maxBodyBytes
        let state = self.state
        // A request its key would refuse gets no 100 Continue: the client need not upload first.
        let refusesHead: @Sendable (HTTPRequest) -> Bool = { request in
            let path = request.path.map { String($0.prefix { $0 != "?" }) } ?? ""
            return state.refusal(route: ServeRoute(path: path), authorization: request.headerFields[.authorization]) != nil
        }
        var application = Application(
            router: makeRouter(),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ExpectContinueHandler(maxBodyBytes: maxBodyBytes, refusesHead: refusesHead)],
                idleTimeout: .seconds(idle.seconds) + .nanoseconds(idle.attoseconds / 1_000_000_000))),
            configuration: .init(
                address: .hostname(configuration.host, port: port), serverName: "earshot",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: state.logger)
        application.addServices(ShutdownService(state: state))
        if state.reviewQueue != nil {
            application.addServices(ReviewPollService(state: state, interval: configuration.reviewPollInterval))
        }
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: signals, logger: state.logger))
        serviceGroup.withLock { $0 = group }
        try await group.run()
        state.logger.info("server stopped")
    }

    /// Starts a graceful shutdown of a running server, as SIGTERM does.
    public func shutdown() async {
        let group = serviceGroup.withLock { $0 }
        await group?.triggerGracefulShutdown()
    }

    /// Counts review items resolved since the last look (`earshot review resolve`) into the live
    /// WER, once each; the server does this every `reviewPollInterval` and on each read of
    /// `/metrics` or `/v1/monitoring`. Returns how many were counted now.
    @discardableResult
    public func countResolvedReviews() async -> Int { await state.countResolvedReviews() }

    /// The live WER per model from human corrections (feedback and resolved reviews).
    public var liveWER: [String: LiveWER.Estimate] { state.liveWER.estimates }

    /// Ready when a model is loaded and the pool takes work.
    var isReady: Bool { state.engine.pool.isAccepting }
}

/// Runs after the HTTP server has drained (services stop in reverse order): stops the worker
/// threads and folds the request log's WAL back into its file.
private struct ShutdownService: Service {
    let state: ServerState

    func run() async throws {
        try? await gracefulShutdown()
        await state.engine.pool.shutdown()
        state.requestLog?.checkpoint()
        state.logger.info("worker pool stopped, request log flushed")
    }
}

/// Polls the review queue for resolved items, so reviewers' corrections reach the live WER and
/// its alarm even when nobody reads `/metrics` or `/v1/monitoring`.
private struct ReviewPollService: Service {
    let state: ServerState
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await state.countResolvedReviews()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
