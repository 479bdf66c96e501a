import ArgumentParser
import Foundation

/// The `earshot` command: parses arguments and calls the lifecycle libraries.
@main
struct Earshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "earshot",
        abstract: "A voice-search speech recognizer, from data to deployment.",
        discussion: """
        Exit codes: 0 all inputs ok, 1 some inputs failed, 2 usage error, 3 a quality gate was exceeded.

        Examples:
          earshot audio info Fixtures/audio/speech/*.wav
          earshot help audio
        """,
        version: "0.1.0",
        subcommands: Earshot.allSubcommands
    )

    /// Runs the command, mapping ArgumentParser's usage-error code (64) to 2, the convention
    /// of most Unix tools and of Earshot's documentation.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
