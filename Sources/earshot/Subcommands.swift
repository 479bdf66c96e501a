import ArgumentParser

extension Earshot {
    /// Every top-level subcommand, one per line so that parallel work merges cleanly.
    static let allSubcommands: [any ParsableCommand.Type] = [
        AudioCommand.self,
        FeaturesCommand.self,
        WerCommand.self,
        CorpusCommand.self,
        AuditCommand.self,
        ServeCommand.self,
        LoadtestCommand.self,
        TrainCommand.self,
        TranscribeCommand.self,
        ReviewCommand.self,
        MonitorCommand.self,
        ModelsCommand.self,
    ]
}
