import EarshotMonitoring
import EarshotRollout
import Foundation

/// Every knob of `earshot serve`, with safe defaults.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests); the bound port is reported by `EarshotServer.onRunning`.
    public var port = 8080
    /// Recognitions running at once; default one per core.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Requests admitted but waiting for a worker; beyond this the server answers 503 at once.
    /// 8 per core: a closed-loop client sweep up to 4 clients per core is served without 503s,
    /// and bursts are absorbed, while the worst queue wait stays at about 8 queries' compute per
    /// worker (tens of milliseconds for voice-search queries, see `make bench-serve`).
    public var queueCapacity = 8 * ProcessInfo.processInfo.activeProcessorCount
    /// Largest accepted request body (413 beyond).
    public var maxBodyBytes = 10 * 1024 * 1024
    /// Longest accepted audio (413 beyond): an audio-native limit, since compressed formats make
    /// bytes a poor proxy for compute.
    public var maxAudioSeconds = 60.0
    /// Files in one batch request.
    public var maxBatchFiles = 16
    /// Wall-clock budget for a request from arrival to answer (504 beyond).
    public var requestTimeout: Duration = .seconds(30)
    /// Responses whose confidence is below this are flagged `needs_review`.
    public var reviewThreshold = 0.5
    /// SHA-256 hex digests of accepted API keys; empty means no authentication.
    public var apiKeyHashes: Set<String> = []
    /// SHA-256 hex digests of admin keys for `/admin/...`; empty turns the admin API off (403).
    public var adminKeyHashes: Set<String> = []
    /// The rollout at start-up (shadow, canary or off); changed at run time via `/admin/rollout`.
    public var rollout = RolloutConfiguration()
    /// How much the server decides alone (human only … full automation).
    public var automation: AutomationLevel = .partial
    /// SQLite review queue; required by every level that queues all requests.
    public var reviewQueuePath: String?
    /// How often the server looks for newly resolved review items to count in the live WER
    /// (reads of `/metrics` and `/v1/monitoring` look too).
    public var reviewPollInterval: Duration = .seconds(5)
    /// The model's reference statistics per metric (see `MonitoredMetrics`); empty: no drift alarms.
    public var referenceStatistics: [String: ReferenceDistribution] = [:]
    /// When a metric's window counts as drifted (defaults justified in `DriftThresholds`).
    public var driftThresholds = DriftThresholds()
    /// Model name → WER at evaluation; the live feedback WER alarms 5 points above it.
    public var expectedWER: [String: Double] = [:]
    /// The model's lexicon, for the out-of-vocabulary share; nil when unknown.
    public var vocabulary: Set<String>?
    /// SQLite request log; nil disables it.
    public var requestLogPath: String?
    /// Store only a salted hash of each transcript in the request log.
    public var hashTranscripts = false
    /// Secret salt for transcript hashes; random per process when nil.
    public var transcriptSalt: [UInt8]?
    /// Opt-in: keep each request's raw audio in this directory, named by request id.
    public var storeAudioDirectory: String?
    /// Open connections accepted at once; more wait in the listen backlog.
    public var maxConnections = 1024
    /// A keep-alive connection idle this long is closed, so idle clients cannot hoard sockets.
    public var idleTimeout: Duration = .seconds(60)
    /// Seconds suggested to clients in `Retry-After` when the queue is full.
    public var retryAfterSeconds = 1

    public init() {}

    /// Rejects settings that cannot work, naming the field.
    public func validate() throws(ServingError) {
        guard (0...65535).contains(port) else { throw .invalidConfiguration("port \(port) is outside 0...65535") }
        guard workers >= 1 else { throw .invalidConfiguration("workers must be at least 1, got \(workers)") }
        guard queueCapacity >= 0 else { throw .invalidConfiguration("queue capacity must be >= 0, got \(queueCapacity)") }
        guard maxBodyBytes >= 1 else { throw .invalidConfiguration("max body bytes must be >= 1") }
        guard maxAudioSeconds > 0, maxAudioSeconds.isFinite else {
            throw .invalidConfiguration("max audio seconds must be a positive number")
        }
        guard maxBatchFiles >= 1 else { throw .invalidConfiguration("max batch files must be at least 1") }
        guard maxConnections >= 1 else { throw .invalidConfiguration("max connections must be at least 1") }
        guard idleTimeout > .zero else { throw .invalidConfiguration("idle timeout must be positive") }
        guard requestTimeout > .zero else { throw .invalidConfiguration("request timeout must be positive") }
        guard reviewPollInterval > .zero else { throw .invalidConfiguration("review poll interval must be positive") }
        guard (0...1).contains(reviewThreshold) else {
            throw .invalidConfiguration("review threshold must be in 0...1, got \(reviewThreshold)")
        }
        if [.humanOnly, .shadow, .assistance].contains(automation), reviewQueuePath == nil {
            throw .invalidConfiguration("automation '\(automation.rawValue)' queues every request: give a review queue path")
        }
        if automation == .humanOnly, storeAudioDirectory == nil {
            throw .invalidConfiguration("automation 'human_only' needs the audio kept for reviewers: give a store-audio directory")
        }
        for hash in apiKeyHashes.union(adminKeyHashes) where !APIKeys.isHexDigest(hash) {
            throw .invalidConfiguration("API key hash '\(hash)' is not 64 hex digits (SHA-256)")
        }
    }
}
