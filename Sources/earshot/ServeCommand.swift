import ArgumentParser
import EarshotAcousticModel
import EarshotMonitoring
import EarshotRecognizer
import EarshotRollout
import EarshotServing
import Foundation
import Logging

/// `earshot serve`: the prediction server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve transcriptions over HTTP, measuring latency and throughput as it goes.",
        discussion: """
        Routes: POST /v1/transcribe (raw audio or multipart 'file'), POST /v1/transcribe/batch,
        GET /healthz, /readyz, /v1/models, /metrics (Prometheus). Logs are JSON lines on stdout.
        SIGTERM or SIGINT: stop accepting, finish requests in flight, flush the request log, exit 0.

        API keys: a file of SHA-256 hex digests, one per line; make one with
          printf %s "$KEY" | sha256sum

        Examples:
          earshot serve --model models/default.earshot --port 8080
          earshot serve --model M --workers 2 --queue 8 --max-audio-seconds 30 --timeout 10
          earshot serve --model M --api-keys keys.sha256 --request-log requests.db --hash-transcripts
          earshot serve --model M --candidate new.earshot --admin-keys admin.sha256 --rollout rollout.json

        Rollout (see README "Rollout"): --rollout reads a JSON file such as
          {"mode": "canary", "candidate": "NAME", "schedule": {"steps": [1, 5, 25, 50, 100], "hold_seconds": 300}}
        and the admin API (GET/PUT /admin/rollout, POST /admin/switch) changes it at run time,
        authorized by --admin-keys digests only (the clients' API keys never open it).
        """)

    @Option(help: "Model file to serve.")
    var model: String?

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Recognitions running at once (default: one per core).")
    var workers = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Requests waiting for a worker before the server answers 503 (default: 8 per core).")
    var queue = ServerConfiguration().queueCapacity

    @Option(help: "Largest request body in megabytes (413 beyond).")
    var maxBodyMb = 10.0

    @Option(help: "Longest audio in seconds (413 beyond).")
    var maxAudioSeconds = 60.0

    @Option(help: "Files per batch request.")
    var maxBatchFiles = 16

    @Option(help: "Per-request deadline in seconds (504 beyond).")
    var timeout = 30.0

    @Option(help: "Confidence below which a response is flagged needs_review.")
    var reviewThreshold = 0.5

    @Option(help: "File of accepted API key SHA-256 digests; without it no key is required.")
    var apiKeys: String?

    @Option(help: "File of admin key SHA-256 digests for /admin/...; without it the admin API answers 403.")
    var adminKeys: String?

    @Option(help: "Rollout configuration (JSON: mode off|shadow|canary, candidate, schedule, rules, gate).")
    var rollout: String?

    @Option(help: "Automation: human_only, shadow, assistance, partial (needs_review below --review-threshold), full.")
    var automation = "partial"

    @Option(help: "SQLite review queue for items humans must check (earshot review ...).")
    var reviewQueue: String?

    @Option(help: "Seconds between looks at the review queue for resolved items to count in the live WER.")
    var reviewPollSeconds = 5.0

    @Option(name: .customLong("candidate"), help: "Another model bundle to load beside the primary (shadow, canary or blue-green slot); repeatable.")
    var candidates: [String] = []

    @Option(help: "Reference statistics for drift alarms (JSON {metric: [values]}, see earshot monitor reference); default: the model's own.")
    var reference: String?

    @OptionGroup var drift: DriftOptions

    @Option(help: "SQLite request log (WAL); one row per recognition.")
    var requestLog: String?

    @Flag(help: "Store a salted hash of each transcript instead of its text (salt: $EARSHOT_TRANSCRIPT_SALT, else random).")
    var hashTranscripts = false

    @Option(help: "Opt-in: keep each request's raw audio in this directory.")
    var storeAudio: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func validate() throws {
        guard AutomationLevel(rawValue: automation) != nil else {
            throw ValidationError("--automation \(automation): expected human_only, shadow, assistance, partial or full")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel): unknown level") }
        guard maxBodyMb > 0, maxBodyMb <= 1024 else { throw ValidationError("--max-body-mb must be in (0, 1024]") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be in (0, 3600] seconds") }
        guard reviewPollSeconds >= 0.01, reviewPollSeconds <= 86_400 else {
            throw ValidationError("--review-poll-seconds must be in [0.01, 86400]")
        }
        do {
            try serverConfiguration(keyHashes: []).validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label, sink: .standardOutput)
            handler.logLevel = level
            return handler
        }
        var configuration = serverConfiguration(keyHashes: try apiKeys.map(Self.readKeyHashes) ?? [])
        if hashTranscripts, let salt = ProcessInfo.processInfo.environment["EARSHOT_TRANSCRIPT_SALT"], !salt.isEmpty {
            configuration.transcriptSalt = Array(salt.utf8)
        }
        configuration.adminKeyHashes = try adminKeys.map(Self.readKeyHashes) ?? []
        if let reference { configuration.referenceStatistics = try DriftReference.load(path: reference) }
        if let rollout {
            guard let data = FileManager.default.contents(atPath: rollout) else {
                throw ValidationError("--rollout \(rollout): cannot read the file")
            }
            configuration.rollout = try RolloutConfiguration.decode(data, source: rollout)
        }
        let recognizer = try Self.loadRecognizer(model: model)
        let others = try candidates.map { try Self.loadRecognizer(model: $0) }
        if reference == nil {
            configuration.referenceStatistics = try DriftReference.distributions(
                recognizer.referenceStatistics, source: "model \(recognizer.modelInfo.name)")
        }
        configuration.vocabulary = recognizer.vocabulary
        for loaded in [recognizer] + others {
            if let wer = loaded.expectedWER { configuration.expectedWER[loaded.modelInfo.name] = wer }
        }
        // Workers recognize side by side, each GEMM on one thread; a single worker gets every core.
        BLASThreads.use(configuration.workers > 1 ? .parallelUtterances : .singleJob)
        let server = try EarshotServer(
            configuration: configuration, models: ModelRegistry(primary: recognizer, others: others),
            logger: Logger(label: "earshot.serve"))
        try await server.run()
    }

    func serverConfiguration(keyHashes: Set<String>) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.workers = workers
        configuration.queueCapacity = queue
        configuration.maxBodyBytes = Int(maxBodyMb * 1024 * 1024)
        configuration.maxAudioSeconds = maxAudioSeconds
        configuration.maxBatchFiles = maxBatchFiles
        configuration.requestTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.reviewThreshold = reviewThreshold
        configuration.apiKeyHashes = keyHashes
        configuration.requestLogPath = requestLog
        configuration.hashTranscripts = hashTranscripts
        configuration.storeAudioDirectory = storeAudio
        configuration.automation = AutomationLevel(rawValue: automation) ?? .partial
        configuration.reviewQueuePath = reviewQueue
        configuration.reviewPollInterval = .milliseconds(Int64(reviewPollSeconds * 1000))
        configuration.driftThresholds = drift.thresholds
        return configuration
    }

    /// Digests, one per line; blank lines and `#` comments skipped; `sha256sum` output accepted.
    static func readKeyHashes(path: String) throws -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read the key file")
        }
        var hashes: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let digest = line.split(separator: " ").first.map(String.init) ?? ""
            guard !digest.isEmpty, !digest.hasPrefix("#") else { continue }
            guard APIKeys.isHexDigest(digest) else {
                throw ValidationError("\(path):\(index + 1): not a SHA-256 hex digest (never store a key in clear)")
            }
            hashes.insert(digest.lowercased())
        }
        return hashes
    }

    /// The recognizer behind the server: the model bundle at `--model`, or the default model
    /// shipped in the build.
    static func loadRecognizer(model: String?) throws -> any SpeechRecognizer {
        do {
            return try Recognizer(bundle: try model.map { try ModelBundle(path: $0) } ?? Recognizer.defaultBundle())
        } catch {
            throw ServingError.modelUnavailable("cannot load \(model ?? "the default model"): \(error)")
        }
    }
}
