import ArgumentParser

/// `earshot monitor`: the server's drift monitoring, offline over its request log.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Data- and concept-drift reports from a server's request log.",
        discussion: """
        Examples:
          earshot monitor reference --log baseline.db --output reference.json
          earshot monitor report --log requests.db --reference reference.json
          earshot monitor report --log requests.db --baseline 500 --json
        """,
        subcommands: [MonitorReportCommand.self, MonitorReferenceCommand.self])
}
