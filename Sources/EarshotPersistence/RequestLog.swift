import EarshotCore
import Foundation
import GRDB

/// One recognition as the request log keeps it: what came in, who answered, how long it took,
/// and what was said (or only a salted hash of it).
public struct RequestLogRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "requests"

    public var requestID: String
    /// Position of the file in a batch request; 0 for a single one.
    public var item: Int
    public var receivedAt: Date
    public var route: String
    public var status: Int
    public var error: String?
    public var filename: String?
    public var modelName: String?
    public var modelVersion: String?
    public var latencyMs: Double
    public var queueMs: Double?
    public var computeMs: Double?
    public var audioSeconds: Double?
    /// libsndfile's name of the container and encoding.
    public var audioFormat: String?
    public var sampleRate: Int?
    public var channels: Int?
    public var rmsDBFS: Double?
    public var peakDBFS: Double?
    /// ITU-R BS.1770 integrated loudness.
    public var integratedLUFS: Double?
    public var snrDB: Double?
    public var clippedFraction: Double?
    public var transcript: String?
    public var transcriptHash: String?
    public var confidence: Double?
    public var needsReview: Bool?
    public var audioPath: String?

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id", item, receivedAt = "received_at", route, status, error, filename
        case modelName = "model_name", modelVersion = "model_version", latencyMs = "latency_ms"
        case queueMs = "queue_ms", computeMs = "compute_ms", audioSeconds = "audio_seconds"
        case audioFormat = "audio_format", sampleRate = "sample_rate", channels, rmsDBFS = "rms_dbfs"
        case peakDBFS = "peak_dbfs", integratedLUFS = "integrated_lufs", snrDB = "snr_db"
        case clippedFraction = "clipped_fraction"
        case transcript, transcriptHash = "transcript_hash", confidence, needsReview = "needs_review"
        case audioPath = "audio_path"
    }

    /// A row with the request's outcome; the caller fills in what recognition adds (every
    /// other field starts empty).
    public init(requestID: String, item: Int, receivedAt: Date, route: String, status: Int, error: String?, latencyMs: Double) {
        self.requestID = requestID
        self.item = item
        self.receivedAt = receivedAt
        self.route = route
        self.status = status
        self.error = error
        self.latencyMs = latencyMs
    }
}

/// The SQLite request log. WAL mode; every row is committed in its own transaction before the
/// response leaves, so a crash or `kill -9` loses no answered request's row.
public final class RequestLog: Sendable {
    public let path: String
    private let database: DatabasePool
    private let transcriptSalt: [UInt8]?

    /// Opens (creating if needed) the log at `path`. With `hashTranscripts`, transcripts are
    /// replaced by HMAC-SHA-256 under `salt` (random per process when nil).
    public init(path: String, hashTranscripts: Bool = false, salt: [UInt8]? = nil) throws(PersistenceError) {
        self.path = path
        transcriptSalt = hashTranscripts ? (salt ?? (0..<32).map { _ in UInt8.random(in: 0...255) }) : nil
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // In WAL mode NORMAL keeps every commit across a process crash; only a power cut
                // may lose the last commits.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw .storeFailed(path: path, store: "request log", reason: "\(error)")
        }
    }

    /// Appends rows in one transaction.
    public func append(_ rows: [RequestLogRow]) async throws(PersistenceError) {
        let prepared = rows.map(prepare)
        do {
            try await database.write { db in
                for row in prepared { try row.insert(db) }
            }
        } catch {
            throw .storeFailed(path: path, store: "request log", reason: "\(error)")
        }
    }

    /// Every row, oldest first.
    public func allRows() throws(PersistenceError) -> [RequestLogRow] {
        do {
            return try database.read { db in
                try RequestLogRow.order(Column("received_at"), Column("request_id"), Column("item")).fetchAll(db)
            }
        } catch {
            throw .storeFailed(path: path, store: "request log", reason: "\(error)")
        }
    }

    /// Writes the WAL back into the main file (on shutdown), so the database is one file again.
    public func checkpoint() {
        _ = try? database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// The stored form of a transcript under `--hash-transcripts`.
    public static func transcriptHash(_ text: String, salt: [UInt8]) -> String {
        SHA256.hex(SHA256.hmac(key: salt, message: Array(text.utf8)))
    }

    private func prepare(_ row: RequestLogRow) -> RequestLogRow {
        guard let salt = transcriptSalt, let text = row.transcript else { return row }
        var hashed = row
        hashed.transcript = nil
        hashed.transcriptHash = Self.transcriptHash(text, salt: salt)
        return hashed
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: RequestLogRow.databaseTableName) { table in
                table.column("request_id", .text).notNull()
                table.column("item", .integer).notNull()
                table.primaryKey(["request_id", "item"])
                table.column("received_at", .datetime).notNull().indexed()
                table.column("route", .text).notNull()
                table.column("status", .integer).notNull()
                table.column("error", .text)
                table.column("filename", .text)
                table.column("model_name", .text)
                table.column("model_version", .text)
                table.column("latency_ms", .double).notNull()
                table.column("queue_ms", .double)
                table.column("compute_ms", .double)
                table.column("audio_seconds", .double)
                table.column("audio_format", .text)
                table.column("sample_rate", .integer)
                table.column("channels", .integer)
                table.column("rms_dbfs", .double)
                table.column("peak_dbfs", .double)
                table.column("integrated_lufs", .double)
                table.column("snr_db", .double)
                table.column("clipped_fraction", .double)
                table.column("transcript", .text)
                table.column("transcript_hash", .text)
                table.column("confidence", .double)
                table.column("needs_review", .boolean)
                table.column("audio_path", .text)
            }
        }
        return migrator
    }
}
