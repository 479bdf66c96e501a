import ArgumentParser

/// `earshot review`: the human review queue the server fills (see README "Rollout").
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, export and resolve recognitions queued for human review.",
        discussion: """
        The server queues a request for review when its automation level says so (human only,
        shadow, AI assistance; partial automation below --review-threshold). A resolved item's
        corrected transcript counts in the live WER estimate at GET /v1/monitoring.

        Examples:
          earshot review list --queue review.db
          earshot review list --queue review.db --status pending --json
          earshot review export --queue review.db --output pending.jsonl
          earshot review resolve --queue review.db --id 1f0c... --text "call mom"
        """,
        subcommands: [ReviewListCommand.self, ReviewExportCommand.self, ReviewResolveCommand.self])
}
