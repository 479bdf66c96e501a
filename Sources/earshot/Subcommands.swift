import ArgumentParser

extension Earshot {
    /// Every top-level subcommand, one per line so that parallel work merges cleanly.
    static let allSubcommands: [any ParsableCommand.Type] = [
        CorpusCommand.self,
    ]
}
