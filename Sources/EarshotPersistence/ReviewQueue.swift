import Foundation
import GRDB

/// One recognition waiting for (or resolved by) a human.
public struct ReviewItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "review_items"

    public enum Status: String, Codable, Sendable { case pending, resolved }

    public var requestID: String
    public var createdAt: Date
    /// The automation level that queued it.
    public var automation: String
    public var modelName: String?
    public var modelVersion: String?
    /// The model's transcript (nil when no model ran: human only).
    public var suggestion: String?
    public var confidence: Double?
    public var audioSeconds: Double?
    /// Where the audio is kept (`--store-audio`), for the reviewer to listen to.
    public var audioPath: String?
    public var status: Status
    public var correctedTranscript: String?
    public var resolvedAt: Date?

    public init(
        requestID: String, createdAt: Date, automation: String, modelName: String?, modelVersion: String?, suggestion: String?,
        confidence: Double?, audioSeconds: Double?, audioPath: String?, status: Status = .pending,
        correctedTranscript: String? = nil, resolvedAt: Date? = nil
    ) {
        self.requestID = requestID
        self.createdAt = createdAt
        self.automation = automation
        self.modelName = modelName
        self.modelVersion = modelVersion
        self.suggestion = suggestion
        self.confidence = confidence
        self.audioSeconds = audioSeconds
        self.audioPath = audioPath
        self.status = status
        self.correctedTranscript = correctedTranscript
        self.resolvedAt = resolvedAt
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id", createdAt = "created_at", automation, modelName = "model_name"
        case modelVersion = "model_version", suggestion, confidence, audioSeconds = "audio_seconds"
        case audioPath = "audio_path", status, correctedTranscript = "corrected_transcript", resolvedAt = "resolved_at"
    }
}

/// The human review queue in SQLite (WAL), shared by the server (which enqueues) and
/// `earshot review` (which lists, exports and resolves).
public final class ReviewQueue: Sendable {
    public let path: String
    private let database: DatabasePool

    public init(path: String) throws(PersistenceError) {
        self.path = path
        do {
            database = try DatabasePool(path: path)
            try Self.migrator.migrate(database)
        } catch {
            throw .storeFailed(path: path, store: "review queue", reason: "\(error)")
        }
    }

    public func enqueue(_ item: ReviewItem) async throws(PersistenceError) {
        do {
            try await database.write { db in try item.insert(db, onConflict: .ignore) }
        } catch {
            throw .storeFailed(path: path, store: "review queue", reason: "\(error)")
        }
    }

    /// Items, oldest first; only those with `status` when given.
    public func items(status: ReviewItem.Status? = nil, limit: Int? = nil) throws(PersistenceError) -> [ReviewItem] {
        do {
            return try database.read { db in
                var request = ReviewItem.order(Column("created_at"), Column("request_id"))
                if let status { request = request.filter(Column("status") == status.rawValue) }
                if let limit { request = request.limit(limit) }
                return try request.fetchAll(db)
            }
        } catch {
            throw .storeFailed(path: path, store: "review queue", reason: "\(error)")
        }
    }

    /// Resolved items whose resolution is at or after `since` (all when nil), in resolution
    /// order: what the server polls to feed reviewers' corrections into the live WER.
    public func resolved(since: Date?) async throws(PersistenceError) -> [ReviewItem] {
        do {
            return try await database.read { db in
                var request = ReviewItem.filter(Column("status") == ReviewItem.Status.resolved.rawValue)
                if let since { request = request.filter(Column("resolved_at") >= since) }
                return try request.order(Column("resolved_at"), Column("request_id")).fetchAll(db)
            }
        } catch {
            throw .storeFailed(path: path, store: "review queue", reason: "\(error)")
        }
    }

    /// Records a reviewer's transcript for `requestID`; fails when no such item exists.
    @discardableResult
    public func resolve(requestID: String, transcript: String, at date: Date = Date()) throws(PersistenceError) -> ReviewItem {
        do {
            let updated: ReviewItem? = try database.write { db in
                guard var item = try ReviewItem.fetchOne(db, key: requestID) else { return nil }
                item.status = .resolved
                item.correctedTranscript = transcript
                item.resolvedAt = date
                try item.update(db)
                return item
            }
            guard let updated else { throw PersistenceError.noSuchItem(path: path, id: requestID) }
            return updated
        } catch let error as PersistenceError {
            throw error
        } catch {
            throw .storeFailed(path: path, store: "review queue", reason: "\(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: ReviewItem.databaseTableName) { table in
                table.column("request_id", .text).notNull().primaryKey()
                table.column("created_at", .datetime).notNull().indexed()
                table.column("automation", .text).notNull()
                table.column("model_name", .text)
                table.column("model_version", .text)
                table.column("suggestion", .text)
                table.column("confidence", .double)
                table.column("audio_seconds", .double)
                table.column("audio_path", .text)
                table.column("status", .text).notNull().indexed()
                table.column("corrected_transcript", .text)
                table.column("resolved_at", .datetime)
            }
        }
        migrator.registerMigration("v2: resolved_at index") { db in
            try db.create(index: "review_items_on_resolved_at", on: ReviewItem.databaseTableName, columns: ["resolved_at"])
        }
        return migrator
    }
}
