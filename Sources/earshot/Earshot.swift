import ArgumentParser

/// The `earshot` command: parses arguments and calls the lifecycle libraries.
@main
struct Earshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "earshot",
        abstract: "A voice-search speech recognizer, from data to deployment.",
        discussion: """
        Examples:
          earshot audio info Fixtures/audio/*.wav
          earshot --help
        """,
        version: "0.1.0",
        subcommands: Earshot.allSubcommands
    )
}
