import ArgumentParser
import EarshotPersistence
import Foundation

/// Options every review subcommand shares.
struct ReviewQueueOptions: ParsableArguments {
    @Option(help: "The review queue (SQLite) the server writes with --review-queue.")
    var queue: String

    @Option(help: "Only items with this status: pending or resolved.")
    var status: String?

    func open() throws -> ReviewQueue {
        guard FileManager.default.fileExists(atPath: queue) else { throw ValidationError("--queue \(queue): no such file") }
        return try ReviewQueue(path: queue)
    }

    func statusFilter() throws -> ReviewItem.Status? {
        guard let status else { return nil }
        guard let parsed = ReviewItem.Status(rawValue: status) else {
            throw ValidationError("--status \(status): expected pending or resolved")
        }
        return parsed
    }

    static func jsonLine(_ item: ReviewItem) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(item), as: UTF8.self)
    }
}

/// `earshot review list`: a table (or JSON lines) of queued items.
struct ReviewListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List review items, oldest first.",
        discussion: "Examples:\n  earshot review list --queue review.db --status pending --json")

    @OptionGroup var options: ReviewQueueOptions
    @Option(help: "At most this many items.") var limit: Int?
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let items = try options.open().items(status: try options.statusFilter(), limit: limit)
        if json {
            for item in items { print(try ReviewQueueOptions.jsonLine(item)) }
            return
        }
        print("request_id                            status    automation  confidence  suggestion")
        for item in items {
            let confidence = item.confidence.map { String(format: "%.2f", $0) } ?? "-"
            print("\(item.requestID.padding(toLength: 36, withPad: " ", startingAt: 0))  \(item.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(item.automation.padding(toLength: 10, withPad: " ", startingAt: 0))  \(confidence.padding(toLength: 10, withPad: " ", startingAt: 0))  \(item.suggestion ?? "-")")
        }
    }
}

/// `earshot review export`: JSON lines of the items, written atomically.
struct ReviewExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export review items as JSON lines (audio path, suggestion, correction).",
        discussion: "Examples:\n  earshot review export --queue review.db --status resolved --output corrections.jsonl")

    @OptionGroup var options: ReviewQueueOptions
    @Option(help: "Output file (JSON lines); standard output when omitted.") var output: String?

    func run() async throws {
        let items = try options.open().items(status: try options.statusFilter())
        let text = try items.map(ReviewQueueOptions.jsonLine).map { $0 + "\n" }.joined()
        guard let output else { return print(text, terminator: "") }
        guard output != options.queue else { throw ValidationError("--output must not overwrite the queue") }
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
}

/// `earshot review resolve`: records a reviewer's transcript.
struct ReviewResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Record the correct transcript of a review item (it feeds the server's live WER).",
        discussion: """
        A server using this queue scores the model's suggestion against the transcript given \
        here and counts it in its live WER (GET /v1/monitoring), once per item.

        Examples:
          earshot review resolve --queue review.db --id 1f0c... --text "call mom"
        """)

    @OptionGroup var options: ReviewQueueOptions
    @Option(help: "The request id of the item.") var id: String
    @Option(help: "The correct transcript.") var text: String
    @Flag(help: "Print the resolved item as JSON.") var json = false

    func run() async throws {
        let item = try options.open().resolve(requestID: id, transcript: text)
        print(json ? try ReviewQueueOptions.jsonLine(item) : "resolved \(item.requestID): \(text)")
    }
}
