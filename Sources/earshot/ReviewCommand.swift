import ArgumentParser

/// `earshot review`: the human review queue the server fills (see README "Rollout").
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, export and resolve recognitions queued for human review.",
        discussion: """
        The server queues a request for review when its automation level says so (human only,
        shadow, AI assistance; partial automation below --review-threshold). Resolving an item
        records the correction in the queue; the live WER at GET /v1/monitoring counts the
        corrections sent to POST /v1/feedback.

        Examples:
          earshot review list --queue review.db
          earshot review list --queue review.db --status pending --json
          earshot review export --queue review.db --output pending.jsonl
          earshot review resolve --queue review.db --id 1f0c... --text "call mom"
        """,
        subcommands: [ReviewListCommand.self, ReviewExportCommand.self, ReviewResolveCommand.self])
}
