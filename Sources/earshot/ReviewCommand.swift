import ArgumentParser

/// `earshot review`: the human review queue the server fills (see README "Rollout").
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, export and resolve recognitions queued for human review.",
        discussion: """
        The server queues a request for review when its automation level says so (human only, \
        shadow, AI assistance; partial automation below --review-threshold).

        Resolving an item records the correct transcript in the queue, and a server using the \
        same queue counts it in its live WER (GET /v1/monitoring, earshot_feedback_wer in \
        /metrics): the model's suggestion scored against the correction, once per item, picked \
        up within seconds and at each read of those routes. Items no model ran on (human only) \
        have nothing to score. POST /v1/feedback corrections feed the same estimate.

        Examples:
          earshot review list --queue review.db
          earshot review list --queue review.db --status pending --json
          earshot review export --queue review.db --output pending.jsonl
          earshot review resolve --queue review.db --id 1f0c... --text "call mom"
        """,
        subcommands: [ReviewListCommand.self, ReviewExportCommand.self, ReviewResolveCommand.self])
}
